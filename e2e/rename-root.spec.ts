import { expect, test } from './fixtures/test.ts';

const page1 = '<!doctype html><title>Home</title><h1>Welcome home</h1>\n';

for (const rootPath of ['/', '/assets/index.html']) {
  test(`renaming an HTML asset to ${rootPath} makes it the root asset, served at the root URL after Deploy All`, async ({
    editor,
    api,
  }) => {
    const { service } = editor;
    await api.createAsset(service.sid, { path: '/pages/home.html', content: page1 });
    await api.createAsset(service.sid, { path: '/other.txt', content: 'other' });
    await editor.reload();

    const row = editor.assets.row('/pages/home.html');
    await expect(row.rootBadge).toHaveCount(0);
    await row.rename(rootPath);

    const renamed = editor.assets.row(rootPath);
    await expect(renamed.root).toBeVisible();
    await expect(renamed.rootBadge).toBeVisible();
    await renamed.expectNotDeployed();
    await expect(editor.assets.row('/pages/home.html').root).toHaveCount(0);

    const before = await editor.fetchServed(`${editor.environmentUrl}/`);
    expect(before.status).toBe(404);

    await editor.deployAll();
    await renamed.expectDeployed();
    const root = await editor.fetchServed(`${editor.environmentUrl}/`);
    expect(root.status).toBe(200);
    expect(root.body).toBe(page1);
    expect(root.contentType).toContain('text/html');
  });
}

test('rename warns about a path another asset already has and keeps the old path', async ({ editor, api }) => {
  await api.createAsset(editor.service.sid, { path: '/a.txt', content: 'a' });
  await api.createAsset(editor.service.sid, { path: '/b.txt', content: 'b' });
  await editor.reload();

  const row = editor.assets.row('/a.txt');
  await row.action('Rename');
  await row.renameInput.fill('/b.txt');
  await expect(editor.assets.root.getByRole('alert')).toHaveText('Another asset already has the path /b.txt');
  await row.renameInput.press('Enter');
  await expect(row.renameInput).toBeVisible();
  await row.renameInput.fill('no-slash.txt');
  await expect(editor.assets.root.getByRole('alert')).toHaveText('Path must start with "/"');
  await row.renameInput.press('Escape');
  await expect(row.pathButton).toBeVisible();
  await expect(editor.assets.rows).toHaveCount(2);
});
