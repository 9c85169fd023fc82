import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/test.ts';

// The editor as a user sees it with a dozen assets, saved to the test's output dir (light and dark)
// for looking at the design; UPDATE_SCREENSHOT=1 also refreshes docs/screenshot.png for the README. Mixed status, visibilities, a root asset, an open HTML file, logs.
test('screenshot of the editor with a dozen assets', async ({ editor, api, page }) => {
  const { service, environment } = editor;
  const html = readFileSync('/work/shared/fixtures/index.html');
  await api.createAssets(service.sid, [
    { path: '/index.html', content: html },
    { path: '/css/styles.css', content: readFileSync('/work/shared/fixtures/styles.css') },
    { path: '/js/app.js', content: 'export const hello = () => "hello";\n' },
    { path: '/images/logo.svg', content: readFileSync('/work/shared/fixtures/logo.svg') },
    { path: '/images/clean.jpg', content: readFileSync('/work/shared/fixtures/clean.jpg') },
    { path: '/audio/ahoy.mp3', content: readFileSync('/work/shared/fixtures/ahoy.mp3') },
    { path: '/config.json', content: readFileSync('/work/shared/fixtures/config.json'), visibility: 'private' },
    {
      path: '/twiml/greeting.xml',
      content: readFileSync('/work/shared/fixtures/greeting.xml'),
      visibility: 'protected',
    },
    { path: '/docs/README.md', content: readFileSync('/work/shared/fixtures/README.md') },
    { path: '/robots.txt', content: 'User-agent: *\nDisallow:\n' },
  ]);
  await api.deployAll(service.sid, environment.sid);
  await api.createAssets(service.sid, [
    { path: '/data/prices.csv', content: 'sku,price\nA1,10\n' },
    { path: '/images/grumpy.jpg', content: readFileSync('/work/shared/fixtures/grumpy.jpg'), visibility: 'protected' },
  ]);
  await editor.reload();

  await editor.assets.row('/robots.txt').setVisibility('protected');
  await editor.assets.row('/robots.txt').expectNotDeployed();
  await editor.assets.row('/index.html').rename('/');
  await expect(editor.assets.row('/').rootBadge).toBeVisible();
  await editor.assets.row('/css/styles.css').pathButton.click();
  await expect(page.getByRole('tab', { name: /styles\.css/ })).toBeVisible();
  await editor.assets.row('/').pathButton.click();
  await editor.deployButton.click();
  await editor.logs.expectEntry(/Deployed build/);
  await editor.assets.row('/data/prices.csv').expectDeployed();
  await editor.assets.row('/images/logo.svg').setVisibility('private');
  await editor.assets.row('/images/logo.svg').expectNotDeployed();
  await expect(editor.assets.rows).toHaveCount(12);
  await page.mouse.move(0, 0);
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await dismiss.click();
  await expect(editor.notifications.getByRole('status')).toHaveCount(0);

  await page.screenshot({ path: test.info().outputPath('screenshot.png') });
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('screenshot-dark.png') });
});
