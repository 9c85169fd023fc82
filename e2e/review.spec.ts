import { expect, test } from './fixtures/upload-test.ts';
import { ReviewDialog } from './pages/review-dialog.ts';

/** `UPDATE_SCREENSHOT=1` refreshes the README's picture of the review; otherwise it goes to the test's output. */
const screenshotPath = () =>
  process.env.UPDATE_SCREENSHOT ? 'docs/review-dialog.png' : test.info().outputPath('review-dialog.png');

test('Deploy All reviews exactly what changed (rename, visibility, edit, delete, add) and deploys only once confirmed', async ({
  page,
  editor,
  editorArea,
  api,
}) => {
  test.setTimeout(300_000);
  const { service, environment } = editor;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  await api.createAssets(service.sid, [
    { path: '/rename-me.css', content: 'body { color: red; }\n' },
    { path: '/secret.json', content: '{"a":1}\n' },
    { path: '/edit.txt', content: 'line one\nline two\nline three\n' },
    { path: '/delete-me.png', content: png },
    { path: '/same.txt', content: 'unchanged\n' },
  ]);
  const live = (await api.deployAll(service.sid, environment.sid)).sid;
  await editor.reload();

  await editor.assets.row('/rename-me.css').rename('/renamed.css');
  await editor.assets.row('/renamed.css').expectNotDeployed();
  await editor.assets.row('/secret.json').setVisibility('private');
  await editor.assets.row('/secret.json').expectVisibility('private');
  await editor.assets.row('/edit.txt').pathButton.click();
  await editorArea.replaceText('/edit.txt', 'line one\nline 2\nline three');
  await editorArea.save();
  await editor.assets.row('/delete-me.png').delete();
  await api.createAssets(service.sid, [{ path: '/added.txt', content: 'new file\n' }]);

  await editor.deployButton.click();
  const review = new ReviewDialog(page, `Review Deploy All to ${environment.unique_name}`);
  await expect(review.root).toBeVisible();
  expect(await review.changeLabels()).toEqual([
    '/added.txt: added',
    '/delete-me.png: deleted',
    '/edit.txt: edited',
    '/renamed.css: renamed from /rename-me.css',
    '/secret.json: Public → Private',
  ]);
  await expect(review.root).toContainText('1 unchanged');
  const diff = review.root.getByRole('group', { name: 'Changes in /edit.txt' });
  await expect(diff.getByLabel('removed: line two')).toBeVisible();
  await expect(diff.getByLabel('added: line 2')).toBeVisible();
  // Binary files show sizes, not a diff.
  await expect(review.change('/delete-me.png')).toContainText('16 B');
  await expect(review.quota.getByRole('meter', { name: /^Public \+ protected: 4 of 1000/ })).toBeVisible();
  await expect(review.quota.getByRole('meter', { name: /^Private: 1 of 50/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath() });

  // Cancel: nothing is built or deployed.
  await review.cancel();
  await editor.logs.expectEntry(`Deploy All to ${environment.unique_name} cancelled; nothing changed`);
  expect((await editor.fetchServed(`${editor.environmentUrl}/rename-me.css`)).status).toBe(200);
  expect((await api.environment(service.sid, environment.sid)).build_sid).toBe(live);

  await editor.deployButton.click();
  await review.confirm('Deploy');
  await editor.logs.expectEntry(/building 5 assets \(4 changed, 1 reused\)/);
  await editor.logs.expectEntry(/Deploy All to .*: build ZB[0-9a-f]{32} is live at/);
  expect((await editor.fetchServed(`${editor.environmentUrl}/renamed.css`)).body).toBe('body { color: red; }\n');
  expect((await editor.fetchServed(`${editor.environmentUrl}/rename-me.css`)).status).toBe(404);
  expect((await editor.fetchServed(`${editor.environmentUrl}/edit.txt`)).body).toBe('line one\nline 2\nline three');

  // Nothing left to deploy: the review says so and offers no Deploy.
  await editor.assets.row('/added.txt').expectDeployed();
  await editor.deployButton.click();
  await expect(review.root.getByRole('status')).toHaveText(
    `Nothing to deploy: ${environment.unique_name} already serves every file as it is now.`,
  );
  await expect(review.root.getByRole('button', { name: 'Deploy', exact: true })).toHaveCount(0);
  await review.cancel();

  // Shift+click skips the review.
  await api.createAssets(service.sid, [{ path: '/quick.txt', content: 'no review\n' }]);
  await editor.deployButton.click({ modifiers: ['Shift'] });
  await editor.logs.expectEntry(/building 6 assets \(1 changed, 5 reused\)/);
  await expect(review.root).toBeHidden();
  await editor.assets.row('/quick.txt').expectDeployed();
});
