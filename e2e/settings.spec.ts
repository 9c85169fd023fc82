import { SettingsPanels, createFunction } from './pages/settings.ts';
import { expect, test } from './fixtures/test.ts';

// Deploys with npm installs and cold function processes, on a machine that may be busy.
test.describe.configure({ timeout: 240_000 });

test('an environment variable reaches a deployed function on its next call, without a deploy', async ({
  page,
  editor,
  api,
}) => {
  const { service } = editor;
  await createFunction(
    api.request,
    service.sid,
    '/greet',
    `exports.handler = (context, event, callback) =>
       callback(null, { greeting: context.GREETING ?? null, hasSid: Boolean(context.ACCOUNT_SID) });\n`,
  );
  await editor.reload();
  await editor.deployAll();
  const url = `${editor.environmentUrl}/greet`;
  expect(JSON.parse((await editor.fetchServed(url)).body)).toEqual({ greeting: null, hasSid: true });

  const settings = new SettingsPanels(page);
  await settings.openVariables();
  // Checked before sending: a key Twilio's rules refuse, a value over 450 bytes.
  const form = settings.form('Add a variable');
  await form.getByLabel('Key').fill('1BAD KEY');
  await form.getByLabel('Value').fill('x'.repeat(451));
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByText(/Key must start with a letter/)).toBeVisible();
  await expect(form.getByText(/Value must be at most 450 bytes/)).toBeVisible();
  const variables = `/v1/Services/${service.sid}/Environments/${editor.environment.sid}/Variables`;
  expect((await (await api.request.get(variables)).json()) as unknown).toMatchObject({ variables: [] });

  // Added with the keyboard: Tab from Key to Value, Enter submits.
  await form.getByLabel('Key').fill('GREETING');
  await form.getByLabel('Key').press('Tab');
  await expect(form.getByLabel('Value')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('hello from the variable');
  await page.keyboard.press('Enter');
  const row = settings.dialog.getByRole('row').filter({ hasText: 'GREETING' });
  await expect(row).toBeVisible();
  await expect(settings.dialog.getByRole('status')).toHaveText(/GREETING added\. .*without a deploy/);
  // Hidden until revealed.
  await expect(row).not.toContainText('hello from the variable');
  await row.getByRole('button', { name: 'Reveal value of GREETING' }).click();
  await expect(row).toContainText('hello from the variable');
  await row.getByRole('button', { name: 'Hide value of GREETING' }).click();
  await expect(row).not.toContainText('hello from the variable');

  expect(JSON.parse((await editor.fetchServed(url)).body)).toEqual({
    greeting: 'hello from the variable',
    hasSid: true,
  });

  // Edit, and turn the credentials off: both apply to the next call, still without a deploy.
  await row.getByRole('button', { name: 'Edit GREETING' }).click();
  const edit = settings.form('Edit GREETING');
  await edit.getByLabel('Value').fill('changed');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(settings.dialog.getByRole('status')).toHaveText(/GREETING saved/);
  const credentials = settings.dialog.getByRole('checkbox', {
    name: 'Add my account credentials (ACCOUNT_SID, AUTH_TOKEN) to ENV',
  });
  await expect(credentials).toBeChecked();
  await credentials.uncheck();
  await expect(settings.dialog.getByRole('status')).toHaveText(/no longer in every function's context/);
  expect(JSON.parse((await editor.fetchServed(url)).body)).toEqual({ greeting: 'changed', hasSid: false });

  await settings.dialog
    .getByRole('row')
    .filter({ hasText: 'GREETING' })
    .getByRole('button', { name: 'Delete GREETING' })
    .click();
  await expect(settings.dialog.getByText(/No variables in production yet/)).toBeVisible();
  expect(JSON.parse((await editor.fetchServed(url)).body)).toEqual({ greeting: null, hasSid: false });
});

test('a dependency added in the panel is installed by Deploy All and used by a function', async ({
  page,
  editor,
  api,
}) => {
  const { service } = editor;
  await createFunction(
    api.request,
    service.sid,
    '/is-number',
    `const isNumber = require('is-number');
     exports.handler = (context, event, callback) => callback(null, isNumber(event.n) ? 'a number' : 'not a number');\n`,
  );
  await editor.reload();
  const settings = new SettingsPanels(page);
  await settings.openDependencies();
  // twilio is there by default.
  await expect(settings.dialog.getByRole('row').filter({ hasText: 'twilio' })).toBeVisible();

  const form = settings.form('Add a dependency');
  await form.getByLabel('Module').fill('Is Number');
  await form.getByLabel('Version').fill('^^7');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByText(/not a valid npm package name/)).toBeVisible();
  await expect(form.getByText(/not a semver version, range or dist-tag/)).toBeVisible();

  await settings.addDependency('is-number', '^7.0.0');
  await expect(settings.dialog.getByRole('status')).toHaveText(/is-number@\^7\.0\.0 added/);
  await settings.close();

  await editor.deployButton.click({ modifiers: ['Shift'] }); // without the review
  await expect(page.getByRole('status').filter({ hasText: 'Installing dependencies (is-number)…' })).toBeVisible();
  await expect(editor.logs.entries.filter({ hasText: /is live at/ }).first()).toBeVisible({ timeout: 120_000 });
  await editor.logs.expectEntry(/installing dependency is-number@\^7\.0\.0/);
  const served = await editor.fetchServed(`${editor.environmentUrl}/is-number?n=42`);
  expect(served.body).toBe('a number');

  const builds = (await (await api.request.get(`/v1/Services/${service.sid}/Builds`)).json()) as {
    builds: { dependencies: unknown; runtime: string }[];
  };
  expect(builds.builds[0]?.runtime).toBe('node22');
  expect(builds.builds[0]?.dependencies).toContainEqual({ name: 'is-number', version: '^7.0.0' });
});

test('a dependency that cannot be installed fails Deploy All, and the logs name it', async ({ page, editor, api }) => {
  const { service } = editor;
  await createFunction(api.request, service.sid, '/hi', `exports.handler = (c, e, cb) => cb(null, 'hi');\n`);
  await editor.reload();
  const settings = new SettingsPanels(page);
  await settings.openDependencies();
  const missing = `assets-studio-missing-${Date.now().toString(36)}`;
  await settings.addDependency(missing, '1.0.0');
  await settings.close();

  await editor.deployButton.click({ modifiers: ['Shift'] }); // without the review
  await expect(editor.logs.entries.filter({ hasText: /Deploy failed/ }).first()).toBeVisible({ timeout: 120_000 });
  await editor.logs.expectEntry(new RegExp(`Dependency ${missing} could not be installed`));
});

test('the logs pane shows a function’s console output live, with its path and level, and filters it', async ({
  page,
  editor,
  api,
}) => {
  const { service } = editor;
  await createFunction(
    api.request,
    service.sid,
    '/chatty',
    `exports.handler = (context, event, callback) => {
       console.log('hello from', event.who);
       console.error('something broke for', event.who);
       callback(null, 'ok');
     };\n`,
  );
  await createFunction(
    api.request,
    service.sid,
    '/quiet',
    `exports.handler = (c, e, cb) => { console.warn('quiet here'); cb(null, 'ok'); };\n`,
  );
  await editor.reload();
  await editor.deployAll();

  // Requests from another tab; this page only watches its logs pane.
  const tab = await page.context().newPage();
  expect((await tab.goto(`${editor.environmentUrl}/chatty?who=another-tab`))?.status()).toBe(200);
  expect((await tab.goto(`${editor.environmentUrl}/quiet`))?.status()).toBe(200);
  await tab.close();

  const info = editor.logs.entries.filter({ hasText: 'hello from another-tab' });
  await expect(info).toBeVisible();
  await expect(info).toContainText('INFO');
  await expect(info).toContainText('/chatty');
  const error = editor.logs.entries.filter({ hasText: 'something broke for another-tab' });
  await expect(error).toContainText('ERROR');
  await expect(error).toContainText('/chatty');
  const warn = editor.logs.entries.filter({ hasText: 'quiet here' });
  await expect(warn).toContainText('WARN');
  await expect(warn).toContainText('/quiet');

  const levels = editor.logs.root.getByRole('combobox', { name: 'Show levels' });
  const sources = editor.logs.root.getByRole('combobox', { name: 'Show messages from' });
  await levels.selectOption('error');
  await expect(error).toBeVisible();
  await expect(info).toBeHidden();
  await expect(warn).toBeHidden();
  await levels.selectOption('all');
  await sources.selectOption({ label: '/quiet' });
  await expect(warn).toBeVisible();
  await expect(info).toBeHidden();
  await expect(editor.logs.entries.filter({ hasText: /is live at/ })).toHaveCount(0);
  await sources.selectOption('functions');
  await expect(info).toBeVisible();
  await expect(warn).toBeVisible();
  await expect(editor.logs.entries.filter({ hasText: /is live at/ })).toHaveCount(0);
});
