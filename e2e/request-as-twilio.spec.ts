import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deployFunctions } from './fixtures/functions.ts';
import { expect, test } from './fixtures/test.ts';
import { RequestAsTwilioPanel } from './pages/request-as-twilio.ts';

const run = promisify(execFile);

// Each test deploys (functions run npm-free but still build and warm a process): give them room on a busy machine.
test.slow();
const grumpy = readFileSync(join(import.meta.dirname, 'files/grumpy.jpg'));

test('a protected image: 403 without a signature, 200 signed with a preview, and the copied curl command works', async ({
  editor,
  api,
  page,
}) => {
  await api.createAsset(editor.service.sid, {
    path: '/grumpy.jpg',
    content: grumpy,
    visibility: 'protected',
    mimeType: 'image/jpeg',
  });
  await api.deployAll(editor.service.sid, editor.environment.sid);
  await editor.reload();
  const panel = new RequestAsTwilioPanel(page);
  const row = editor.assets.row('/grumpy.jpg');
  await row.expectDeployed();

  await panel.openFrom(row);
  await expect(panel.path).toHaveValue('/grumpy.jpg');
  await panel.sendRequest();

  await expect(panel.unsigned.status).toHaveText('HTTP 403 Forbidden');
  await expect(panel.signed.status).toHaveText('HTTP 200 OK');
  await expect(panel.signed.root).toContainText('image/jpeg');
  await expect(panel.signed.root).toContainText(/13 KB|12\.\d KB|13\.\d KB/);
  await expect(panel.signed.image).toBeVisible();
  // The image really decoded (a broken one has no natural size).
  await expect.poll(() => panel.signed.image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(panel.dialog).toContainText('valid only for this URL and these parameters');

  await panel.copyCurl.click();
  await expect(panel.dialog.getByRole('status')).toHaveText('Copied the curl command.');
  const command = await page.evaluate(() => navigator.clipboard.readText());
  await expect(panel.curl).toHaveValue(command);
  expect(command).toContain(`http://${editor.environment.domain_name}/grumpy.jpg`);

  // Run it as a user would, in a shell: it fetches the exact bytes.
  const dir = mkdtempSync(join(tmpdir(), 'twreq-curl-'));
  try {
    const { stdout } = await run('sh', ['-c', command], { cwd: dir });
    expect(stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(readFileSync(join(dir, 'grumpy.jpg')).equals(grumpy)).toBe(true);
    // Without its signature the same request is refused: the signature is what opens it.
    const unsigned = command.replace(/-H 'X-Twilio-Signature: [^']*' /, '');
    expect(unsigned).not.toContain('X-Twilio-Signature');
    const refused = await run('sh', ['-c', unsigned.replace('-o grumpy.jpg', '-o refused.bin')], { cwd: dir });
    expect(refused.stdout).toMatch(/^HTTP\/1\.1 403/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a protected function: POST with parameters returns what it echoes and its console.log line', async ({
  editor,
  api,
  page,
}) => {
  await deployFunctions(api, editor.service.sid, editor.environment.sid, [
    {
      path: '/sms/echo',
      visibility: 'protected',
      code: `exports.handler = (context, event, callback) => {
  console.log('echoing ' + event.Body + ' from ' + event.From);
  callback(null, 'You said: ' + event.Body);
};`,
    },
  ]);
  await editor.reload();
  const panel = new RequestAsTwilioPanel(page);
  await panel.openForPath('/sms/echo');
  await panel.method('POST');
  await panel.addParameter('Body', 'ahoy & hello');
  await panel.addParameter('From', '+15550001111');
  await panel.sendRequest();

  await expect(panel.unsigned.status).toHaveText('HTTP 403 Forbidden');
  await expect(panel.signed.status).toHaveText('HTTP 200 OK');
  await expect(panel.signed.body).toHaveValue('You said: ahoy & hello');
  await expect(panel.logLines).toHaveText(['INFOechoing ahoy & hello from +15550001111']);
  await expect(panel.curl).toHaveValue(/--data-raw 'Body=ahoy\+%26\+hello&From=%2B15550001111'/);

  // GET sends the parameters in the query string (signed with it).
  await panel.method('GET');
  await panel.sendRequest();
  await expect(panel.dialog).toContainText(`GET http://${editor.environment.domain_name}/sms/echo?Body=ahoy+%26+hello`);
  await expect(panel.signed.body).toHaveValue('You said: ahoy & hello');
});

test("a private asset's snippet is copied exactly, and the line works in function code", async ({
  editor,
  api,
  page,
}) => {
  await api.createAsset(editor.service.sid, {
    path: "/cfg/it's config.json",
    content: '{"greeting":"ahoy"}\n',
    visibility: 'private',
  });
  await editor.reload();
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  const row = editor.assets.row("/cfg/it's config.json");
  await row.actionsButton.click();
  // Only private assets offer it; Request as Twilio is for protected ones.
  await expect(page.getByRole('menuitem', { name: 'Request as Twilio' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Copy Runtime.getAssets() snippet' }).click();

  const expected = "Runtime.getAssets()['/cfg/it\\'s config.json'].open()";
  await editor.expectNotification(`Copied ${expected}`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(expected);

  // The copied line, pasted into a function, reads the asset.
  await deployFunctions(api, editor.service.sid, editor.environment.sid, [
    { path: '/read', visibility: 'public', code: `exports.handler = (c, e, cb) => cb(null, ${copied});` },
  ]);
  // Every server process picks the deploy up within a moment (the one that made it at once).
  await expect
    .poll(async () => (await editor.fetchServed(`${editor.environmentUrl}/read`)).status, { timeout: 10_000 })
    .toBe(200);
  const served = await editor.fetchServed(`${editor.environmentUrl}/read`);
  expect(served.body).toBe('{"greeting":"ahoy"}\n');
});

test('keyboard only: open Request as Twilio from the actions menu, send, close, focus returns', async ({
  editor,
  api,
  page,
}) => {
  await api.createAsset(editor.service.sid, { path: '/hello.txt', content: 'hello\n', visibility: 'protected' });
  await api.deployAll(editor.service.sid, editor.environment.sid);
  await editor.reload();
  const panel = new RequestAsTwilioPanel(page);
  const row = editor.assets.row('/hello.txt');

  await row.actionsButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for /hello.txt' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Copy URL',
    'Rename',
    'Open',
    'Download',
    'Request as Twilio',
    'Delete',
  ]);
  // Radix moves focus between items on a timer after each key: each key waits for the one before
  // (pressed back to back, ArrowUp could act before End's move, leaving Delete focused).
  await expect(menu.getByRole('menuitem', { name: 'Copy URL' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Request as Twilio' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.dialog).toBeVisible();
  // Focus starts in the dialog, on the path; Enter there sends.
  await expect(panel.path).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.signed.status).toHaveText('HTTP 200 OK');
  await expect(panel.unsigned.status).toHaveText('HTTP 403 Forbidden');
  await expect(panel.signed.body).toHaveValue('hello\n');
  await page.keyboard.press('Escape');
  await expect(panel.dialog).toBeHidden();
  await expect(row.actionsButton).toBeFocused();
});
