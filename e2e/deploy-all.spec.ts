import { expect, test } from './fixtures/test.ts';

test('Deploy All builds what the server has now, including assets added elsewhere since the page loaded', async ({
  editor,
  api,
}) => {
  const { service } = editor;
  await api.createAssets(service.sid, [{ path: '/seen.txt', content: 'seen in the pane' }]);
  await editor.reload();
  await editor.assets.row('/seen.txt').expectNotDeployed();

  // Another client (a CI job, twilio-run, another tab) adds an asset; this page has not reloaded.
  await api.createAssets(service.sid, [{ path: '/from-elsewhere.txt', content: 'added by another client' }]);

  await editor.deployAll();
  await editor.logs.expectEntry(/building 2 assets/);
  const served = await editor.fetchServed(`${editor.environmentUrl}/from-elsewhere.txt`);
  expect(served.status).toBe(200);
  expect(served.body).toBe('added by another client');
  await editor.assets.row('/from-elsewhere.txt').expectDeployed();
  await editor.assets.row('/seen.txt').expectDeployed();
});

test('Deploy All clicked while a rename is still being saved waits for it, and deploys the renamed asset', async ({
  page,
  editor,
  api,
}) => {
  const { service } = editor;
  const html = '<!doctype html><title>Home</title><h1>Home</h1>\n';
  await api.createAssets(service.sid, [{ path: '/home.html', content: html }]);
  await editor.reload();

  // Hold every new version on its way to the server for a moment, as a slow network would.
  await page.route('**/v1/Services/*/Assets/*/Versions', async (route) => {
    if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await editor.assets.row('/home.html').rename('/');
  await editor.deployAll();

  await editor.logs.expectEntry('Waiting for changes still being saved…');
  await editor.assets.row('/').expectDeployed();
  const root = await editor.fetchServed(`${editor.environmentUrl}/`);
  expect(root.status).toBe(200);
  expect(root.body).toBe(html);
});
