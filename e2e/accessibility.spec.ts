import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { NewFunctionDialog } from './pages/new-function-dialog.ts';
import { SettingsPanels } from './pages/settings.ts';
import { dropFiles, textFile } from './pages/upload-dialog.ts';
import { expect, test } from './fixtures/test.ts';
import { RequestAsTwilioPanel } from './pages/request-as-twilio.ts';

/** axe-core's WCAG 2.1 A/AA rules on what the page shows now; returns the serious and critical findings. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test.describe('signed out', () => {
  test.use({ signedIn: false });

  test('the sign-in page has no serious accessibility problems', async ({ page, signInPage }) => {
    await page.goto('/');
    await expect(signInPage.heading).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});

test('the services page, the editor and the upload dialog have no serious accessibility problems', async ({
  page,
  servicesPage,
  editor,
  api,
}) => {
  await servicesPage.goto();
  expect(await violations(page)).toEqual([]);

  await api.createAssets(editor.service.sid, [
    { path: '/index.html', content: '<!doctype html><h1>Hi</h1>\n' },
    { path: '/secret.json', content: '{}\n', visibility: 'private' },
  ]);
  await editor.reload();
  await editor.assets.row('/index.html').pathButton.click();
  await expect(page.getByRole('textbox', { name: 'Contents of /index.html' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await dropFiles(page, page.getByRole('group', { name: 'Assets drop zone' }), [textFile('notes.txt', 'hello\n')]);
  await expect(page.getByRole('dialog', { name: /^Upload to/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the Functions group, a function in the editor and the New Function dialog have no serious accessibility problems', async ({
  page,
  editor,
  api,
}) => {
  // Four axe runs and a code editor: give a loaded machine room.
  test.slow();
  await api.createAsset(editor.service.sid, { path: '/config.json', content: '{}\n', visibility: 'private' });
  await editor.reload();
  const dialog = new NewFunctionDialog(page);
  await dialog.open();
  await dialog.template('Read a private asset').check();
  await expect(dialog.uses).toHaveText('Uses /config.json, the first private .json asset of this service.');
  expect(await violations(page)).toEqual([]);
  // An invalid path shows its error.
  await dialog.path.fill('no slash?');
  await dialog.createButton.click();
  await expect(dialog.root.getByRole('alert')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await dialog.path.fill('/read-config');
  await dialog.createButton.click();
  await expect(dialog.root).toBeHidden();

  // The code editor loads on first use (a large chunk, slow on a loaded machine).
  await expect(page.getByRole('textbox', { name: 'Contents of /read-config' })).toBeVisible({ timeout: 30_000 });
  await editor.assets.functionRow('/read-config').expectVisibility('protected');
  expect(await violations(page)).toEqual([]);
});

test('Request as Twilio, with both answers and an image preview, has no serious accessibility problems', async ({
  page,
  editor,
  api,
}) => {
  test.slow();
  await api.createAsset(editor.service.sid, {
    path: '/grumpy.jpg',
    content: readFileSync(join(import.meta.dirname, 'files/grumpy.jpg')),
    visibility: 'protected',
  });
  await api.createAsset(editor.service.sid, { path: '/hello.txt', content: 'hello\n', visibility: 'protected' });
  await api.deployAll(editor.service.sid, editor.environment.sid);
  await editor.reload();
  const panel = new RequestAsTwilioPanel(page);

  await panel.openFrom(editor.assets.row('/grumpy.jpg'));
  expect(await violations(page)).toEqual([]);
  await panel.sendRequest();
  await expect(panel.signed.image).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // The form for any path: method, parameters, a text answer.
  await page.keyboard.press('Escape');
  await panel.openForPath('/hello.txt');
  await panel.addParameter('Body', 'hi');
  await panel.sendRequest();
  await expect(panel.signed.body).toHaveValue('hello\n');
  expect(await violations(page)).toEqual([]);
});

test('the Environment variables and Dependencies panels and the logs filters have no serious accessibility problems', async ({
  page,
  editor,
}) => {
  test.slow(); // axe runs three times over a full editor
  const settings = new SettingsPanels(page);
  await settings.openVariables();
  await settings.addVariable('API_KEY', 'secret');
  // A field with an error, as a user sees it.
  await settings.form('Add a variable').getByLabel('Key').fill('bad key');
  await expect(settings.form('Add a variable').getByRole('alert')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await settings.close();
  // Focus goes back to the button that opened it.
  await expect(settings.variablesButton).toBeFocused();

  await settings.openDependencies();
  await expect(settings.dialog.getByRole('row').filter({ hasText: 'twilio' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await settings.close();

  await editor.logs.root.getByRole('combobox', { name: 'Show levels' }).selectOption('error');
  expect(await violations(page)).toEqual([]);
});
