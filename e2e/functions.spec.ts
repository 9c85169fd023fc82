import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getFromEnvironment } from './fixtures/environment-request.ts';
import { expect as baseExpect, test } from './fixtures/test.ts';
import { startTwilioApi } from './fixtures/twilio-api.ts';
import { EditorArea } from './pages/editor-area.ts';
import type { EditorPage } from './pages/editor-page.ts';
import { NewFunctionDialog } from './pages/new-function-dialog.ts';

// Builds, deploys and first invocations start processes; on a loaded machine they take longer than
// the suite's default wait.
const expect = baseExpect.configure({ timeout: 30_000 });

/** Deploy All (Shift: without the review), waiting (longer than the page object does) for the editor to say it is live. */
async function deployAll(editor: EditorPage): Promise<void> {
  await editor.deployButton.click({ modifiers: ['Shift'] });
  await expect(
    editor.logs.entries.filter({ hasText: /Deploy All to .*: build ZB[0-9a-f]{32} is live at/ }),
  ).not.toHaveCount(0);
}

const file = (name: string) => readFileSync(join(import.meta.dirname, 'files', name));

test('a function from each template, deployed with Deploy All, answers on the environment as written', async ({
  editor,
  api,
  page,
}) => {
  // Builds, deploys and starts function processes: give a loaded machine room.
  test.slow();
  await api.createAssets(editor.service.sid, [
    { path: '/config.json', content: file('config.json'), visibility: 'private' },
    { path: '/ahoy.mp3', content: file('ahoy.mp3'), visibility: 'private' },
  ]);
  await editor.reload();
  const dialog = new NewFunctionDialog(page);
  const editorArea = new EditorArea(page);

  // The templates are filled with the service's own assets, and say which.
  await dialog.open();
  await expect(dialog.visibility).toHaveValue('protected');
  await dialog.template('Read a private asset').check();
  await expect(dialog.uses).toHaveText('Uses /config.json, the first private .json asset of this service.');
  await expect(dialog.path).toHaveValue('/read-config');
  await dialog.template('Send an MMS with a protected asset').check();
  await expect(dialog.uses).toContainText('This service has no protected image yet: the code uses /grumpy.jpg');
  await page.keyboard.press('Escape');

  await dialog.create('/blank', 'Blank', 'public');
  await expect(editorArea.tab('blank')).toHaveAttribute('aria-selected', 'true');
  await expect(editorArea.code('/blank')).toContainText('callback(null, {});');
  await dialog.create('/hello', 'Hello World (TwiML)', 'public');
  await dialog.create('/config', 'Read a private asset', 'public');
  await expect(editorArea.code('/config')).toContainText("Runtime.getAssets()['/config.json']");
  await dialog.create('/ahoy', 'Serve an mp3 from a private asset', 'public');

  const rows = ['/ahoy', '/blank', '/config', '/hello'].map((p) => editor.assets.functionRow(p));
  for (const row of rows) {
    await row.expectNotDeployed();
    await row.expectVisibility('public');
  }
  await expect(editor.assets.groupCount('Functions')).toHaveText('4');

  await deployAll(editor);
  for (const row of rows) await row.expectDeployed();

  const base = editor.environmentUrl;
  const blank = await getFromEnvironment(`${base}/blank`);
  expect(blank.status).toBe(200);
  expect(JSON.parse(blank.body.toString())).toEqual({});

  const hello = await getFromEnvironment(`${base}/hello`);
  expect(hello.contentType).toMatch(/^text\/xml/);
  expect(hello.body.toString()).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello World</Say></Response>',
  );

  const config = await getFromEnvironment(`${base}/config`);
  expect(config.status).toBe(200);
  expect(JSON.parse(config.body.toString())).toEqual(JSON.parse(file('config.json').toString()));

  const ahoy = await getFromEnvironment(`${base}/ahoy`);
  expect(ahoy.contentType).toBe('audio/mpeg');
  expect(ahoy.body.equals(file('ahoy.mp3'))).toBe(true);
});

test('the MMS template sends a protected image: the function is reached signed only, Twilio gets the media signed', async ({
  editor,
  api,
  page,
}) => {
  // Builds, deploys and starts function processes: give a loaded machine room.
  test.slow();
  await api.createAsset(editor.service.sid, {
    path: '/pics/grumpy.jpg',
    content: file('grumpy.jpg'),
    visibility: 'protected',
  });
  await editor.reload();
  const dialog = new NewFunctionDialog(page);
  await dialog.open();
  await dialog.template('Send an MMS with a protected asset').check();
  await expect(dialog.uses).toHaveText('Uses /pics/grumpy.jpg, the first protected image of this service.');
  await dialog.path.fill('/send-grumpy');
  await dialog.createButton.click();
  await expect(dialog.root).toBeHidden();
  // New functions start protected, as in Twilio's editor.
  const row = editor.assets.functionRow('/send-grumpy');
  await row.expectVisibility('protected');
  await deployAll(editor);
  await row.expectDeployed();

  const twilioApi = await startTwilioApi();
  try {
    const url = `${editor.environmentUrl}/send-grumpy?To=%2B15558675310`;
    expect((await getFromEnvironment(url)).status).toBe(403);
    const answer = await getFromEnvironment(url, { signed: true });
    expect(answer.status, answer.body.toString()).toBe(200);
    const mediaUrl = `${editor.environmentUrl}/pics/grumpy.jpg`;
    expect(JSON.parse(answer.body.toString())).toEqual({
      sid: 'SM0123456789abcdef0123456789abcdef',
      status: 'queued',
      mediaUrl,
    });
    expect(twilioApi.messages).toHaveLength(1);
    const [message] = twilioApi.messages;
    expect(message!.path).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json$/);
    expect(message!.params.get('To')).toBe('+15558675310');
    expect(message!.params.get('MediaUrl')).toBe(mediaUrl);
    expect(message!.media!.unsigned.status).toBe(403);
    expect(message!.media!.signed.status).toBe(200);
    expect(message!.media!.signed.body.equals(file('grumpy.jpg'))).toBe(true);
  } finally {
    await twilioApi.close();
  }
});

test('editing a function: Ctrl+S saves a new version, unsaved changes are guarded, the deploy serves the edit', async ({
  editor,
  page,
}) => {
  // Builds, deploys and starts function processes: give a loaded machine room.
  test.slow();
  const dialog = new NewFunctionDialog(page);
  const editorArea = new EditorArea(page);
  await dialog.create('/echo', 'Blank', 'public');
  const row = editor.assets.functionRow('/echo');
  await deployAll(editor);
  await row.expectDeployed();

  await editorArea.replaceText(
    '/echo',
    "exports.handler = (context, event, callback) => callback(null, 'hi ' + event.name);",
  );
  const dirtyTab = editorArea.root.getByRole('tab', { name: 'echo (unsaved)' });
  await expect(dirtyTab).toBeVisible();
  // JavaScript highlighting: the string literal has its own colour.
  const code = editorArea.code('/echo');
  const literal = code.getByText("'hi '", { exact: true });
  await expect(literal).toBeVisible();
  const colour = (el: Element) => getComputedStyle(el).color;
  expect(await literal.evaluate(colour)).not.toBe(await code.evaluate(colour));

  // Closing the tab with unsaved code asks first.
  await dirtyTab.focus();
  await page.keyboard.press('Delete');
  const ask = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep editing' }).click();

  await editorArea.code('/echo').click();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(editorArea.root.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
  await expect(editorArea.tab('echo')).toBeVisible();
  await row.expectNotDeployed();

  await deployAll(editor);
  await row.expectDeployed();
  const served = await getFromEnvironment(`${editor.environmentUrl}/echo?name=there`);
  expect(served.body.toString()).toBe('hi there');
});

test('a function row: visibility, no URL for a private function (and why), Copy URL, rename, delete', async ({
  editor,
  page,
  api,
}) => {
  // Builds, deploys and starts function processes: give a loaded machine room.
  test.slow();
  await api.createAsset(editor.service.sid, { path: '/taken.txt', content: 'x' });
  await editor.reload();
  const dialog = new NewFunctionDialog(page);
  const editorArea = new EditorArea(page);
  await dialog.create('/secret', 'Blank');

  // The path must be free among functions and assets (a build holds one file per path).
  await dialog.open();
  await dialog.path.fill('/secret');
  await dialog.createButton.click();
  await expect(dialog.root.getByRole('alert')).toHaveText('A function at /secret already exists');
  await dialog.path.fill('/taken.txt');
  await expect(dialog.root.getByRole('alert')).toHaveText('An asset has the path /taken.txt; pick another');
  await page.keyboard.press('Escape');

  const row = editor.assets.functionRow('/secret');
  await row.expectVisibility('protected');
  await expect(editorArea.urlBar).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Function URL' })).toContainText(
    'Protected: only requests signed with X-Twilio-Signature get it.',
  );

  await row.setVisibility('private');
  await row.expectVisibility('private');
  await expect(page.getByRole('note', { name: 'Function URL' })).toHaveText(
    'No URL: Private functions are never served by URL; require them from other functions with Runtime.getFunctions().',
  );
  await row.actionsButton.click();
  const menu = page.getByRole('menu', { name: 'Actions for /secret' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Copy URLprivate', 'Rename', 'Open', 'Delete']);
  await menu.getByRole('menuitem', { name: 'Copy URL' }).click();
  await editor.expectNotification('No URL to copy: Private functions are never served by URL');

  await row.setVisibility('public');
  await row.action('Copy URL');
  await editor.expectNotification(`Copied ${editor.environmentUrl}/secret`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${editor.environmentUrl}/secret`);

  // Rename refuses a path an asset has, then renames.
  await row.action('Rename');
  await row.renameInput.fill('/taken.txt');
  await expect(editor.assets.root.getByRole('alert')).toHaveText('An asset already has the path /taken.txt');
  await row.renameInput.fill('/open');
  await row.renameInput.press('Enter');
  const renamed = editor.assets.functionRow('/open');
  await renamed.expectVisibility('public');
  await expect(editor.assets.functionRow('/secret').root).toHaveCount(0);
  await expect(editorArea.tab('open')).toBeVisible();

  await renamed.action('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete /open?' });
  await expect(confirm).toContainText('The function and all its versions are removed.');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(renamed.root).toHaveCount(0);
  await expect(editor.assets.root.getByText('No functions yet. Use Add+ → New Function.')).toBeVisible();
  await expect(editorArea.tabs).toHaveCount(0);
});

test('keyboard only: New Function from Add+, then the function row and its menus', async ({ editor, page }) => {
  test.slow();
  const dialog = new NewFunctionDialog(page);
  await editor.assets.addButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'New Function' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.path).toBeFocused();
  await expect(dialog.path).toHaveValue('/my-function');
  // Tab reaches the templates; arrows pick one (the suggested path follows).
  await page.keyboard.press('Tab');
  await expect(dialog.template('Blank')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.template('Hello World (TwiML)')).toBeChecked();
  await expect(dialog.path).toHaveValue('/hello-world');
  await page.keyboard.press('Enter');
  await expect(dialog.root).toBeHidden();

  const row = editor.assets.functionRow('/hello-world');
  await row.expectVisibility('protected');
  // From the filter box, Tab reaches the function row first: path → visibility → actions.
  await editor.assets.filter.focus();
  await page.keyboard.press('Tab');
  await expect(row.pathButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row.visibilityButton).toBeFocused();
  await page.keyboard.press('Enter');
  const visibilityMenu = page.getByRole('menu', { name: 'Visibility' });
  await expect(visibilityMenu.getByRole('menuitemradio', { name: /Protected/ })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  // Radix moves focus on a timer after a key, and returns it to the trigger after a menu closes:
  // each step waits for the one before.
  await page.keyboard.press('Home');
  await expect(visibilityMenu.getByRole('menuitemradio', { name: /Public/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await row.expectVisibility('public');

  await page.keyboard.press('Tab');
  await expect(row.actionsButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Actions for /hello-world' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Actions for /hello-world' })).toBeHidden();
  await expect(row.actionsButton).toBeFocused();

  // F2 on the path renames.
  await row.pathButton.focus();
  await page.keyboard.press('F2');
  await expect(row.renameInput).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('/hi');
  await page.keyboard.press('Enter');
  await expect(editor.assets.functionRow('/hi').root).toBeVisible();
});
