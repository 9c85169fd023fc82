import { expect, test } from './fixtures/test.ts';

test('a build over the limits fails with the reason in the logs pane; rows stay gray and the domain is unchanged', async ({
  editor,
  api,
}) => {
  const { service } = editor;
  const privates = Array.from({ length: 51 }, (_, i) => ({
    path: `/private/p${String(i).padStart(2, '0')}.txt`,
    content: `secret ${i}`,
    visibility: 'private' as const,
  }));
  await api.createAssets(service.sid, [{ path: '/hello.txt', content: 'hello' }, ...privates]);
  await editor.reload();
  await expect(editor.assets.root.getByText('52', { exact: true })).toBeVisible();

  await editor.deployAll('failure');

  // The server's log line, with the rule that was broken (not just any line containing "50").
  await editor.logs.expectEntry(
    /Build ZB[0-9a-f]{32} failed: The build has 51 private assets; at most 50 private assets are allowed in one build/,
  );
  await editor.assets.row('/hello.txt').expectNotDeployed();
  await editor.assets.row('/private/p00.txt').expectNotDeployed();
  await expect(editor.assets.root.getByRole('img', { name: 'Deployed', exact: true })).toHaveCount(0);
  expect((await editor.fetchServed(`${editor.environmentUrl}/hello.txt`)).status).toBe(404);

  await editor.logs.clearButton.click();
  await expect(editor.logs.entries).toHaveCount(0);
});
