import { expect, type Locator, type Page } from '@playwright/test';
import { VISIBILITY_LABELS, type Visibility } from '../../app/shared/visibility.ts';

export type TemplateLabel =
  | 'Blank'
  | 'Hello World (TwiML)'
  | 'Read a private asset'
  | 'Serve an mp3 from a private asset'
  | 'Send an MMS with a protected asset';

/** Add+ → New Function: path, template, visibility. */
export class NewFunctionDialog {
  readonly root: Locator;
  readonly path: Locator;
  readonly visibility: Locator;
  readonly createButton: Locator;
  /** Which asset the chosen template uses (or the placeholder it writes). */
  readonly uses: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'New function' });
    this.path = this.root.getByRole('textbox', { name: 'Path' });
    this.visibility = this.root.getByRole('combobox', { name: 'Visibility' });
    this.createButton = this.root.getByRole('button', { name: 'Create', exact: true });
    this.uses = this.root.getByText(/^(Uses|This service has no)/);
  }

  template(label: TemplateLabel): Locator {
    return this.root.getByRole('radio', { name: label });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /^Add/ }).click();
    await this.page.getByRole('menuitem', { name: 'New Function' }).click();
    await expect(this.root).toBeVisible();
  }

  /** Opens the dialog, fills it, creates the function and waits for the dialog to close. */
  async create(path: string, template: TemplateLabel, visibility?: Visibility): Promise<void> {
    await this.open();
    await this.template(template).check();
    await this.path.fill(path);
    if (visibility) await this.visibility.selectOption({ label: VISIBILITY_LABELS[visibility] });
    await this.createButton.click();
    await expect(this.root).toBeHidden();
  }
}
