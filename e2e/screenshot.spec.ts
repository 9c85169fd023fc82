import { readFileSync } from 'node:fs';

const file = (name: string) => readFileSync(new URL(`./files/${name}`, import.meta.url));
import { expect, test } from './fixtures/test.ts';

// The editor as a user sees it with a dozen assets, saved to the test's output dir (light and dark)
// for looking at the design; UPDATE_SCREENSHOT=1 also refreshes docs/screenshot.png for the README. Mixed status, visibilities, a root asset, an open HTML file, logs.

/** `UPDATE_SCREENSHOT=1` also refreshes the README's screenshot. */
const DOCS_COPY = process.env.UPDATE_SCREENSHOT ? ['docs/screenshot.png'] : [];

test('screenshot of the editor with a dozen assets', async ({ editor, api, page }) => {
  const { service, environment } = editor;
  const html = file('index.html');
  await api.createAssets(service.sid, [
    { path: '/index.html', content: html },
    { path: '/css/styles.css', content: file('styles.css') },
    { path: '/js/app.js', content: 'export const hello = () => "hello";\n' },
    { path: '/images/logo.svg', content: file('logo.svg') },
    { path: '/images/clean.jpg', content: file('clean.jpg') },
    { path: '/audio/ahoy.mp3', content: file('ahoy.mp3') },
    { path: '/config.json', content: file('config.json'), visibility: 'private' },
    {
      path: '/twiml/greeting.xml',
      content: file('greeting.xml'),
      visibility: 'protected',
    },
    { path: '/docs/README.md', content: readFileSync(new URL('./README.md', import.meta.url)) },
    { path: '/robots.txt', content: 'User-agent: *\nDisallow:\n' },
  ]);
  await api.deployAll(service.sid, environment.sid);
  await api.createAssets(service.sid, [
    { path: '/data/prices.csv', content: 'sku,price\nA1,10\n' },
    { path: '/images/grumpy.jpg', content: file('grumpy.jpg'), visibility: 'protected' },
  ]);
  await editor.reload();

  await editor.assets.row('/robots.txt').setVisibility('protected');
  await editor.assets.row('/robots.txt').expectNotDeployed();
  await editor.assets.row('/index.html').rename('/');
  await expect(editor.assets.row('/').rootBadge).toBeVisible();
  await editor.assets.row('/css/styles.css').pathButton.click();
  await expect(page.getByRole('tab', { name: /styles\.css/ })).toBeVisible();
  await editor.assets.row('/').pathButton.click();
  await editor.deployAll();
  await editor.assets.row('/data/prices.csv').expectDeployed();
  await editor.assets.row('/images/logo.svg').setVisibility('private');
  await editor.assets.row('/images/logo.svg').expectNotDeployed();
  await expect(editor.assets.rows).toHaveCount(12);
  await page.mouse.move(0, 0);
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await dismiss.click();
  await expect(editor.notifications.getByRole('status')).toHaveCount(0);

  await page.screenshot({ path: test.info().outputPath('screenshot.png') });
  for (const path of DOCS_COPY) await page.screenshot({ path });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('screenshot-dark.png') });
});
