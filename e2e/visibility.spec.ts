import { expect, test } from './fixtures/test.ts';

test('changing a deployed asset’s visibility turns the row gray; the domain changes only after Deploy All', async ({
  editor,
  api,
}) => {
  const { service, environment } = editor;
  await api.createAsset(service.sid, { path: '/data.json', content: '{"hello":"world"}', visibility: 'public' });
  await api.deployAll(service.sid, environment.sid);
  await editor.reload();
  const url = `${editor.environmentUrl}/data.json`;

  const row = editor.assets.row('/data.json');
  await row.expectDeployed();
  await row.expectVisibility('public');
  expect((await editor.fetchServed(url)).status).toBe(200);

  await row.setVisibility('private');
  await row.expectVisibility('private');
  await row.expectNotDeployed();
  // Nothing changes on the domain until the next deploy.
  expect((await editor.fetchServed(url)).status).toBe(200);

  await editor.deployAll();
  await row.expectDeployed();
  await row.expectVisibility('private');
  expect((await editor.fetchServed(url)).status).toBe(404);

  // And back to protected: 403 without a signature once deployed.
  await row.setVisibility('protected');
  await row.expectNotDeployed();
  expect((await editor.fetchServed(url)).status).toBe(404);
  await editor.deployAll();
  await row.expectDeployed();
  expect((await editor.fetchServed(url)).status).toBe(403);
});
