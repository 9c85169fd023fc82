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
