import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { buildSchema, functionSchema, functionVersionSchema } from '../app/shared/api-schemas.ts';
import type { Api } from './fixtures/api.ts';
import { uniqueServiceName } from './fixtures/api.ts';
import { expect, test } from './fixtures/test.ts';
import { UnzippedProject } from './fixtures/toolkit-project.ts';
import { EditorPage } from './pages/editor-page.ts';
import { openInTab } from './fixtures/environment-request.ts';

const fixture = (name: string) => readFileSync(new URL(`./files/${name}`, import.meta.url));

const ASSETS = [
  { path: '/styles.css', content: fixture('styles.css'), visibility: 'public' },
  { path: '/img/clean.jpg', content: fixture('clean.jpg'), visibility: 'public' },
  { path: '/twiml/greeting.xml', content: fixture('greeting.xml'), visibility: 'protected' },
  { path: '/config.json', content: fixture('config.json'), visibility: 'private' },
] as const;
const FUNCTION = "exports.handler = (context, event, callback) => callback(null, 'hello from an export');\n";

/** A function through the API (the fixture's Api makes assets only). */
async function createFunction(api: Api, serviceSid: string, path: string, source: string) {
  const fn = functionSchema.parse(
    await (await api.request.post(`/v1/Services/${serviceSid}/Functions`, { form: { FriendlyName: path } })).json(),
  );
  const response = await api.request.post(`/v1/Services/${serviceSid}/Functions/${fn.sid}/Versions`, {
    multipart: {
      Path: path,
      Visibility: 'public',
      Content: { name: 'hello.js', mimeType: 'application/javascript', buffer: Buffer.from(source) },
    },
  });
  return functionVersionSchema.parse(await response.json());
}

/** Builds the given versions, waits for the build and deploys it. */
async function deploy(api: Api, serviceSid: string, environmentSid: string, assets: string[], functions: string[]) {
  const form = new URLSearchParams();
  for (const sid of assets) form.append('AssetVersions', sid);
  for (const sid of functions) form.append('FunctionVersions', sid);
  const build = buildSchema.parse(
    await (
      await api.request.post(`/v1/Services/${serviceSid}/Builds`, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: form.toString(),
      })
    ).json(),
  );
  await expect.poll(async () => (await api.build(serviceSid, build.sid)).status, { timeout: 60_000 }).toBe('completed');
  const deployed = await api.request.post(`/v1/Services/${serviceSid}/Environments/${environmentSid}/Deployments`, {
    form: { BuildSid: build.sid },
  });
  z.object({ sid: z.string() }).parse(await deployed.json());
}

test('an exported project deploys with twilio-run to the same URLs and visibilities, and imports into a fresh service', async ({
  page,
  editor,
  api,
}) => {
  test.setTimeout(240_000);
  const { service, environment } = editor;
  const assets = await api.createAssets(
    service.sid,
    ASSETS.map((a) => ({ ...a, content: a.content })),
  );
  const fn = await createFunction(api, service.sid, '/hello', FUNCTION);
  await deploy(
    api,
    service.sid,
    environment.sid,
    assets.map((a) => a.latest_version!.sid),
    [fn.sid],
  );
  await editor.reload();

  // Export what production serves, as a user: Add → Export Toolkit Project…
  await editor.assets.addButton.click();
  await page.getByRole('menuitem', { name: 'Export Toolkit Project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export as a Serverless Toolkit project' });
  await dialog.getByRole('radio', { name: /What production serves/ }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download zip' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${service.unique_name}-production.zip`);
  const zip = readFileSync(await download.path());

  // The real twilio-run deploys the unzipped folder as it is.
  const project = new UnzippedProject(zip);
  try {
    const result = await project.deploy(uniqueServiceName('exported'));
    const base = `http://${result.domain}`;
    const expected = { public: 200, protected: 403, private: 404 } as const;
    for (const asset of ASSETS) {
      expect((await openInTab(page, `${base}${asset.path}`)).status, asset.path).toBe(expected[asset.visibility]);
    }
    for (const asset of ASSETS.filter((a) => a.visibility === 'public')) {
      expect((await openInTab(page, `${base}${asset.path}`)).body.equals(asset.content), asset.path).toBe(true);
    }
    const hello = await openInTab(page, `${base}/hello`);
    expect(hello.status).toBe(200);
    expect(hello.body.toString()).toBe('hello from an export');
  } finally {
    project.remove();
  }

  // Import the same zip into a fresh service, as a user: Add → Import Toolkit Project…
  const fresh = await api.createService();
  const freshEditor = new EditorPage(page, fresh.service, fresh.environment);
  await freshEditor.goto();
  await freshEditor.assets.addButton.click();
  await page.getByRole('menuitem', { name: 'Import Toolkit Project…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import a Serverless Toolkit project' });
  await importDialog.locator('input[aria-label="Project zip"]').setInputFiles({
    name: 'project.zip',
    mimeType: 'application/zip',
    buffer: zip,
  });
  await expect(importDialog.getByRole('status')).toContainText('4 assets and 1 functions to import');
  await importDialog.getByRole('button', { name: 'Import 5 files' }).click();
  await expect(importDialog).toBeHidden({ timeout: 30_000 });
  await freshEditor.logs.expectEntry('Imported 5 files from the project');

  const imported = await api.assets(fresh.service.sid);
  expect(
    imported.map((a) => [a.latest_version!.path, a.latest_version!.visibility, a.latest_version!.sha256]).sort(),
  ).toEqual(assets.map((a) => [a.latest_version!.path, a.latest_version!.visibility, a.latest_version!.sha256]).sort());
  for (const asset of ASSETS) await freshEditor.assets.row(asset.path).expectVisibility(asset.visibility);
});

test('a project with a path that climbs out of it is refused with the reason, and nothing is created', async ({
  page,
  editor,
  api,
}) => {
  const { zipSync, strToU8 } = await import('fflate');
  const zip = zipSync({
    'assets/ok.txt': strToU8('fine'),
    'assets/../../escape.txt': strToU8('nope'),
    'assets/bad#name.txt': strToU8('nope'),
  });
  await editor.assets.addButton.click();
  await page.getByRole('menuitem', { name: 'Import Toolkit Project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a Serverless Toolkit project' });
  await dialog
    .locator('input[aria-label="Project zip"]')
    .setInputFiles({ name: 'bad.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  const problems = dialog.getByRole('alert');
  await expect(problems).toContainText('assets/../../escape.txt: names with ".."');
  await expect(problems).toContainText('assets/bad#name.txt: Path must not contain "#"');
  await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await api.assets(editor.service.sid)).toEqual([]);
});
