import { assetSchema } from '../app/shared/api-schemas.ts';
import { assetFriendlyName } from '../app/shared/assets.ts';
import type { Api, NewAsset } from './fixtures/api.ts';
import { expect, test } from './fixtures/test.ts';

/**
 * Many assets through the API, a few at a time. On a loaded machine a kept-alive connection is now
 * and then reset under a request; the version upload is then sent again (a second version of the
 * same asset at the same path changes no count).
 */
async function createMany(api: Api, serviceSid: string, assets: NewAsset[], concurrency = 6): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < assets.length) {
      const asset = assets[next++]!;
      const shell = await api.request.post(`/v1/Services/${serviceSid}/Assets`, {
        form: { FriendlyName: assetFriendlyName(asset.path) },
      });
      expect(shell.status()).toBe(201);
      const { sid } = assetSchema.pick({ sid: true }).parse(await shell.json());
      for (let attempt = 1; ; attempt++) {
        try {
          await api.createVersion(serviceSid, sid, asset);
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const assets = (n: number, prefix: string, visibility: NewAsset['visibility'] = 'public'): NewAsset[] =>
  Array.from({ length: n }, (_, i) => ({ path: `/${prefix}/${i}.txt`, content: 'x', visibility }));

test('the quota meter counts the next build near the limits and says what fails past them', async ({
  page,
  editor,
  api,
}) => {
  test.setTimeout(420_000);
  const { service } = editor;
  await createMany(api, service.sid, [
    ...assets(990, 'pub'),
    ...assets(5, 'prot', 'protected'),
    ...assets(45, 'priv', 'private'),
  ]);
  await editor.reload();
  const meter = page.getByRole('region', { name: 'Quota of the next Deploy All' });
  // 1040 assets take a while to list on a loaded machine.
  await expect(meter.getByRole('meter', { name: 'Public + protected: 995 of 1000, near the limit' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(meter.getByRole('meter', { name: 'Private: 45 of 50, near the limit' })).toBeVisible();
  await expect(meter).toContainText('Next build: 1.0 KB in 1040 assets');
  await expect(meter.getByRole('status').filter({ hasText: /^⚠ 995 of 1000 public and protected assets/ })).toHaveText(
    '⚠ 995 of 1000 public and protected assets: 5 more and Deploy All will fail (the build is refused past 1000).',
  );

  await createMany(api, service.sid, assets(6, 'more'));
  await editor.reload();
  await expect(meter.getByRole('meter', { name: 'Public + protected: 1001 of 1000, over the limit' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(meter).toContainText(
    '1001 public and protected assets, over the 1000 a build may hold: Deploy All will fail until 1 is removed or made private.',
  );

  // What the meter says is what the build does.
  await editor.deployButton.click({ modifiers: ['Shift'] });
  // A build of 1046 assets on a loaded machine takes a while.
  await expect(
    editor.logs.entries
      .filter({ hasText: /The build has 1001 public and protected assets; at most 1000 are allowed in one build/ })
      .first(),
  ).toBeVisible({ timeout: 90_000 });
});
