import { expect, test } from './fixtures/test.ts';

test('1000 assets render, scroll and filter', async ({ editor, api, page }) => {
  test.setTimeout(180_000);
  const assets = Array.from({ length: 1000 }, (_, i) => ({
    path: `/files/item-${String(i).padStart(4, '0')}.txt`,
    content: `item ${i}`,
  }));
  await api.createAssets(editor.service.sid, assets, 16);

  // How fast is measured by bench/deploy-all.ts (first rows, Deploy All), not asserted here.
  await editor.reload();
  await expect(editor.assets.row('/files/item-0000.txt').root).toBeVisible();
  await expect(editor.assets.root.getByText('1000', { exact: true })).toBeVisible();

  // Virtualised: only a screenful of rows is in the DOM, not 1000.
  expect(await editor.assets.rows.count()).toBeLessThan(80);

  // Scrolling to the end shows the last asset.
  await editor.assets.list.hover();
  await page.mouse.wheel(0, 40_000);
  await expect(editor.assets.row('/files/item-0999.txt').root).toBeVisible();
  await expect(editor.assets.row('/files/item-0000.txt').root).toHaveCount(0);

  // Filtering narrows the list.
  await editor.assets.filter.fill('item-005');
  await expect(editor.assets.rows).toHaveCount(10);
  await expect(editor.assets.root.getByText('10 of 1000', { exact: true })).toBeVisible();
  await editor.assets.filter.fill('item-0777');
  await expect(editor.assets.rows).toHaveCount(1);
  await expect(editor.assets.row('/files/item-0777.txt').root).toBeVisible();
  await editor.assets.filter.fill('nothing-like-this');
  await expect(editor.assets.rows).toHaveCount(0);
  await expect(editor.assets.root.getByText(/No asset path contains/)).toBeVisible();
});
