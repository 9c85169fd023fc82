import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/test.ts';

test('Open, Download and Delete (with confirmation) from the actions menu', async ({ editor, api, page }) => {
  await api.createAsset(editor.service.sid, { path: '/notes/todo.txt', content: 'buy milk\n' });
  await api.createAsset(editor.service.sid, { path: '/keep.txt', content: 'keep' });
  await editor.reload();
  const row = editor.assets.row('/notes/todo.txt');

  await row.action('Open');
  await expect(page.getByRole('tab', { name: /todo\.txt/ })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await row.action('Download');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('todo.txt');
  const path = await download.path();
  expect(readFileSync(path, 'utf-8')).toBe('buy milk\n');

  // Cancel leaves it; confirming deletes it (and closes its tab).
  await row.action('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete /notes/todo.txt?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.root).toBeVisible();

  await row.delete();
  await expect(row.root).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /todo\.txt/ })).toHaveCount(0);
  await expect(editor.assets.rows).toHaveCount(1);
  expect((await api.assets(editor.service.sid)).map((a) => a.latest_version?.path)).toEqual(['/keep.txt']);
});

test('switching environment changes the URL shown, the status and where Deploy All goes', async ({
  editor,
  api,
  page,
}) => {
  const { service, environment } = editor;
  const staging = await api.createEnvironment(service.sid, 'staging', 'stage');
  await api.createAsset(service.sid, { path: '/app.js', content: 'console.log(1)' });
  await api.deployAll(service.sid, environment.sid);
  await editor.reload();

  const row = editor.assets.row('/app.js');
  await row.expectDeployed();
  await expect(editor.environmentButton).toHaveText(new RegExp(`http://${environment.domain_name}`));

  await editor.environmentButton.click();
  await page.getByRole('menuitemradio', { name: /staging/ }).click();
  await expect(editor.environmentButton).toHaveText(new RegExp(`http://${staging.domain_name}`));
  await row.expectNotDeployed();

  await editor.deployAll();
  await row.expectDeployed();
  expect((await api.environment(service.sid, staging.sid)).build_sid).toMatch(/^ZB/);
  expect((await editor.fetchServed(`http://${staging.domain_name}/app.js`)).body).toBe('console.log(1)');
});
