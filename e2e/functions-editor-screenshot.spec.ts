import { readFileSync } from 'node:fs';
import { expect as baseExpect, test } from './fixtures/test.ts';
import { EditorArea } from './pages/editor-area.ts';
import { NewFunctionDialog } from './pages/new-function-dialog.ts';
import { ReviewDialog } from './pages/review-dialog.ts';
import { SettingsPanels } from './pages/settings.ts';
import { UploadDialog, pickFiles } from './pages/upload-dialog.ts';

// Issue 9's "Done when", as a user in the Functions Editor: upload a private config.json and a
// protected grumpy.jpg, write a function that reads the config and one that sends the image as MMS,
// set a variable, add a dependency, Deploy All, and watch an invocation's log lines. The end state
// is saved to the test's output dir; UPDATE_SCREENSHOT=1 also refreshes docs/functions-editor.png.

// Deploys and a cold function process, on a machine that may be busy.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const DOCS_COPY = process.env.UPDATE_SCREENSHOT ? ['docs/functions-editor.png'] : [];
const file = (name: string) => readFileSync(new URL(`./files/${name}`, import.meta.url));

test('screenshot of the Functions Editor after writing, configuring and deploying two functions', async ({
  editor,
  page,
}) => {
  // Upload: config.json private, grumpy.jpg protected.
  await pickFiles(page, editor.assets.addButton, [
    { name: 'config.json', mimeType: 'application/json', buffer: file('config.json') },
    { name: 'grumpy.jpg', mimeType: 'image/jpeg', buffer: file('grumpy.jpg') },
  ]);
  const upload = new UploadDialog(page);
  await upload.expectFiles(['config.json', 'grumpy.jpg']);
  await upload.file('config.json').setVisibility('private');
  await upload.file('grumpy.jpg').setVisibility('protected');
  await upload.upload();
  const config = editor.assets.row('/config.json');
  const grumpy = editor.assets.row('/grumpy.jpg');
  await config.expectVisibility('private');
  await grumpy.expectVisibility('protected');
  await config.expectNotDeployed();

  // Two functions from the templates, filled with the uploaded assets.
  const dialog = new NewFunctionDialog(page);
  await dialog.open();
  await dialog.template('Read a private asset').check();
  await expect(dialog.uses).toHaveText('Uses /config.json, the first private .json asset of this service.');
  await page.keyboard.press('Escape');
  await dialog.create('/read-config', 'Read a private asset', 'public');
  await dialog.open();
  await dialog.template('Send an MMS with a protected asset').check();
  await expect(dialog.uses).toHaveText('Uses /grumpy.jpg, the first protected image of this service.');
  await dialog.path.fill('/send-grumpy');
  await dialog.createButton.click();
  await expect(dialog.root).toBeHidden();
  const readConfig = editor.assets.functionRow('/read-config');
  const sendGrumpy = editor.assets.functionRow('/send-grumpy');
  await readConfig.expectVisibility('public');
  await sendGrumpy.expectVisibility('protected');

  // The config reader logs what it read, with the variable set below; saved with Ctrl+S.
  const area = new EditorArea(page);
  await readConfig.pathButton.click();
  const code = area.code('/read-config');
  await expect(code).toContainText("Runtime.getAssets()['/config.json']");
  await code.getByText('callback(null, JSON.parse(text));').click();
  await page.keyboard.press('Home');
  await page.keyboard.type("console.log('config for', context.COMPANY, 'is version', JSON.parse(text).version);");
  await page.keyboard.press('Enter');
  await expect(code).toContainText(
    "console.log('config for', context.COMPANY, 'is version', JSON.parse(text).version);",
  );
  await page.keyboard.press('ControlOrMeta+S');
  await expect(area.root.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();

  // A variable for the environment, and a dependency: one the runtime provides, so no install.
  const settings = new SettingsPanels(page);
  await settings.openVariables();
  await settings.addVariable('COMPANY', 'Owl Shoes');
  await settings.close();
  await settings.openDependencies();
  await expect(settings.dialog.getByRole('row').filter({ hasText: 'twilio' })).toBeVisible();
  await settings.addDependency('@twilio/runtime-handler', '2.1.0');
  await settings.close();

  // Deploy All: the review lists what goes out; confirm it, then every row turns green.
  await editor.deployButton.click();
  const review = new ReviewDialog(page, /^Review Deploy All/);
  await expect(review.change('/read-config')).toBeVisible();
  await expect(review.change('/grumpy.jpg')).toBeVisible();
  await review.confirm('Deploy');
  await editor.logs.expectEntry(/Deploy All to .*: build ZB[0-9a-f]{32} is live at/);
  for (const row of [readConfig, sendGrumpy, config, grumpy]) await row.expectDeployed();

  // A request from another tab; its log line shows up live, with the function's path.
  const served = await editor.fetchServed(`${editor.environmentUrl}/read-config`);
  expect(served.status).toBe(200);
  expect(JSON.parse(served.body)).toEqual(JSON.parse(file('config.json').toString()));
  const line = editor.logs.entries.filter({ hasText: 'config for Owl Shoes is version 3' });
  await expect(line).toBeVisible();
  await expect(line).toContainText('/read-config');
  await expect(line).toContainText('INFO');

  await page.mouse.move(0, 0);
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await dismiss.click();
  await expect(editor.notifications.getByRole('status')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.screenshot({ path: test.info().outputPath('functions-editor.png') });
  for (const path of DOCS_COPY) await page.screenshot({ path });
});
