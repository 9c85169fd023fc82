import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { functionSchema, functionVersionSchema } from '../../app/shared/api-schemas.ts';

/** The Settings section under the pane and its two dialogs: Environment variables, Dependencies. */
export class SettingsPanels {
  readonly variablesButton: Locator;
  readonly dependenciesButton: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    const section = page.getByRole('region', { name: 'Settings' });
    this.variablesButton = section.getByRole('button', { name: 'Environment variables' });
    this.dependenciesButton = section.getByRole('button', { name: 'Dependencies' });
    this.dialog = page.getByRole('dialog');
  }

  /** The add form (or a row's edit form) of the open dialog. */
  form(name: string | RegExp = /^Add a/): Locator {
    return this.dialog.getByRole('form', { name });
  }

  async openVariables(): Promise<void> {
    await this.variablesButton.click();
    await expect(this.dialog.getByRole('heading', { name: /^Environment variables/ })).toBeVisible();
  }

  async openDependencies(): Promise<void> {
    await this.dependenciesButton.click();
    await expect(this.dialog.getByRole('heading', { name: 'Dependencies' })).toBeVisible();
  }

  async addVariable(key: string, value: string): Promise<void> {
    const form = this.form('Add a variable');
    await form.getByLabel('Key').fill(key);
    await form.getByLabel('Value').fill(value);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(this.dialog.getByRole('row').filter({ hasText: key })).toBeVisible();
  }

  async addDependency(name: string, version: string): Promise<void> {
    const form = this.form('Add a dependency');
    await form.getByLabel('Module').fill(name);
    await form.getByLabel('Version').fill(version);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(this.dialog.getByRole('row').filter({ hasText: name })).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }
}

/** Creates a function with one version through the API (as a script or twilio-run would). */
export async function createFunction(
  request: APIRequestContext,
  serviceSid: string,
  path: string,
  code: string,
  visibility: 'public' | 'protected' | 'private' = 'public',
) {
  const created = await request.post(`/v1/Services/${serviceSid}/Functions`, { form: { FriendlyName: path } });
  expect(created.status(), await created.text()).toBe(201);
  const fn = functionSchema.parse(await created.json());
  const version = await request.post(`/v1/Services/${serviceSid}/Functions/${fn.sid}/Versions`, {
    multipart: {
      Path: path,
      Visibility: visibility,
      Content: { name: 'index.js', mimeType: 'application/javascript', buffer: Buffer.from(code) },
    },
  });
  expect(version.status(), await version.text()).toBe(201);
  return { ...fn, latest_version: functionVersionSchema.parse(await version.json()) };
}
