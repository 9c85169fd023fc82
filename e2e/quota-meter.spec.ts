import type { NewAsset } from './fixtures/api.ts';
import { expect, test } from './fixtures/test.ts';

const assets = (n: number, prefix: string, visibility: NewAsset['visibility'] = 'public'): NewAsset[] =>
  Array.from({ length: n }, (_, i) => ({ path: `/${prefix}/${i}.txt`, content: 'x', visibility }));

test('the quota meter counts the next build near the limits and says what fails past them', async ({
  page,
  editor,
  api,
}) => {
  test.setTimeout(300_000);
  const { service } = editor;
  await api.createAssets(
    service.sid,
    [...assets(990, 'pub'), ...assets(5, 'prot', 'protected'), ...assets(45, 'priv', 'private')],
    6,
  );
  await editor.reload();
  const meter = page.getByRole('region', { name: 'Quota of the next Deploy All' });
  await expect(meter.getByRole('meter', { name: 'Public + protected: 995 of 1000, near the limit' })).toBeVisible();
  await expect(meter.getByRole('meter', { name: 'Private: 45 of 50, near the limit' })).toBeVisible();
  await expect(meter).toContainText('Next build: 1.0 KB in 1040 assets');
  await expect(meter.getByRole('status').filter({ hasText: /^⚠ 995 of 1000 public and protected assets/ })).toHaveText(
    '⚠ 995 of 1000 public and protected assets: 5 more and Deploy All will fail (the build is refused past 1000).',
  );

  await api.createAssets(service.sid, assets(6, 'more'));
  await editor.reload();
  await expect(meter.getByRole('meter', { name: 'Public + protected: 1001 of 1000, over the limit' })).toBeVisible();
  await expect(meter).toContainText(
    '1001 public and protected assets, over the 1000 a build may hold: Deploy All will fail until 1 is removed or made private.',
  );

  // What the meter says is what the build does.
  await editor.deployButton.click({ modifiers: ['Shift'] });
  await editor.logs.expectEntry(
    /The build has 1001 public and protected assets; at most 1000 are allowed in one build/,
  );
});
