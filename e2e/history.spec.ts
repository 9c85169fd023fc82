import { expect, test } from './fixtures/test.ts';
import { ReviewDialog } from './pages/review-dialog.ts';

test('History lists deployments newest first with their client; Roll back serves the earlier bytes again', async ({
  page,
  editor,
  api,
}) => {
  test.setTimeout(180_000);
  const { service, environment } = editor;
  const [asset] = await api.createAssets(service.sid, [{ path: '/page.txt', content: 'first bytes\n' }]);
  const first = await api.deployAll(service.sid, environment.sid);
  await api.createVersion(service.sid, asset!.sid, { path: '/page.txt', content: 'second bytes\n' });
  await editor.reload();
  await editor.deployAll();
  expect((await editor.fetchServed(`${editor.environmentUrl}/page.txt`)).body).toBe('second bytes\n');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('dialog', { name: `Deployments of ${environment.unique_name}` });
  const rows = history.getByRole('list', { name: 'Deployments' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('✓ Live');
  await expect(rows.nth(0)).toContainText('by editor');
  await expect(rows.nth(0)).toContainText('1 changed');
  await expect(rows.nth(1)).toContainText(first.sid);
  await expect(rows.nth(1)).toContainText('by API');
  await expect(rows.nth(1)).toContainText('first deployment: 1 added');
  await expect(rows.nth(1)).not.toContainText('Live');

  await rows
    .nth(1)
    .getByRole('button', { name: `Roll back to ${first.sid}` })
    .click();
  const review = new ReviewDialog(page, `Roll back ${environment.unique_name} to ${first.sid}`);
  expect(await review.changeLabels()).toEqual(['/page.txt: edited']);
  await expect(review.root.getByLabel('removed: second bytes')).toBeVisible();
  await expect(review.root.getByLabel('added: first bytes')).toBeVisible();
  await review.confirm('Roll back');

  await expect
    .poll(async () => (await editor.fetchServed(`${editor.environmentUrl}/page.txt`)).body)
    .toBe('first bytes\n');
  expect((await api.environment(service.sid, environment.sid)).build_sid).toBe(first.sid);
  // No rebuild: the service still has the same two builds.
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(first.sid);
  await expect(rows.nth(0)).toContainText('✓ Live');
  await expect(rows.filter({ hasText: '✓ Live' })).toHaveCount(1);
  await history.getByRole('button', { name: 'Close' }).last().click();
  await expect(history).toBeHidden();
  await editor.assets.row('/page.txt').expectNotDeployed();
});

test('Promote puts the build staging serves onto production, after a review', async ({ page, editor, api }) => {
  test.setTimeout(180_000);
  const { service, environment: production } = editor;
  const staging = await api.createEnvironment(service.sid, 'staging', 'stage');
  const [asset] = await api.createAssets(service.sid, [{ path: '/app.js', content: 'console.log("v1");\n' }]);
  await api.deployAll(service.sid, production.sid);
  await api.createVersion(service.sid, asset!.sid, { path: '/app.js', content: 'console.log("v2");\n' });
  await api.createAssets(service.sid, [{ path: '/extra.txt', content: 'only on staging\n' }]);
  const stagingBuild = await api.deployAll(service.sid, staging.sid);
  await editor.reload();

  await editor.environmentButton.click();
  await page.getByRole('menuitemradio', { name: /^staging/ }).click();
  await page.getByRole('button', { name: 'Promote', exact: true }).click();
  await page.getByRole('dialog', { name: 'Promote staging' }).getByRole('button', { name: 'To production' }).click();

  const review = new ReviewDialog(page, 'Promote staging to production');
  expect(await review.changeLabels()).toEqual(['/app.js: edited', '/extra.txt: added']);
  await review.confirm('Promote');

  const productionUrl = `http://${production.domain_name}`;
  await expect
    .poll(async () => (await editor.fetchServed(`${productionUrl}/extra.txt`)).body)
    .toBe('only on staging\n');
  expect((await editor.fetchServed(`${productionUrl}/app.js`)).body).toBe('console.log("v2");\n');
  expect((await api.environment(service.sid, production.sid)).build_sid).toBe(stagingBuild.sid);
});
