import { expect, test } from './fixtures/test.ts';

test('Copy URL from the row menu puts the exact environment URL on the clipboard, and it serves the asset', async ({
  editor,
  api,
  page,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { service, environment } = editor;
  await api.createAsset(service.sid, { path: '/css/site.css', content: 'body { color: teal; }\n' });
  await api.deployAll(service.sid, environment.sid);
  await editor.reload();

  const row = editor.assets.row('/css/site.css');
  await row.expectDeployed();
  await row.action('Copy URL');

  const expected = `http://${environment.domain_name}/css/site.css`;
  await editor.expectNotification(`Copied ${expected}`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(expected);

  const served = await editor.fetchServed(copied);
  expect(served.status).toBe(200);
  expect(served.body).toBe('body { color: teal; }\n');
  expect(served.contentType).toContain('text/css');
});

test('Copy URL on a private asset explains why there is no URL instead of copying one', async ({
  editor,
  api,
  page,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  await api.createAsset(editor.service.sid, { path: '/secret.json', content: '{"k":1}', visibility: 'private' });
  await editor.reload();

  await editor.assets.row('/secret.json').action('Copy URL');

  await editor.expectNotification(/Private assets are never served by URL/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('untouched');
});
