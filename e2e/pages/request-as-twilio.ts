import { expect, type Locator, type Page } from '@playwright/test';
import type { AssetRow } from './assets-pane.ts';

/** One side of the comparison (without a signature / signed as Twilio). */
export class AnswerSide {
  readonly status: Locator;
  readonly body: Locator;
  readonly image: Locator;
  readonly audio: Locator;

  constructor(readonly root: Locator) {
    this.status = root.getByText(/^HTTP \d{3}/);
    this.body = root.getByRole('textbox', { name: /: body$/ });
    this.image = root.getByRole('img');
    this.audio = root.locator('audio');
  }
}

/** The Request as Twilio dialog. */
export class RequestAsTwilioPanel {
  readonly dialog: Locator;
  readonly path: Locator;
  readonly send: Locator;
  readonly unsigned: AnswerSide;
  readonly signed: AnswerSide;
  readonly copyCurl: Locator;
  readonly curl: Locator;
  readonly logLines: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Request as Twilio' });
    this.path = this.dialog.getByRole('textbox', { name: 'Path' });
    this.send = this.dialog.getByRole('button', { name: 'Send', exact: true });
    this.unsigned = new AnswerSide(this.dialog.getByRole('region', { name: 'Without a signature' }));
    this.signed = new AnswerSide(this.dialog.getByRole('region', { name: 'Signed as Twilio' }));
    this.copyCurl = this.dialog.getByRole('button', { name: 'Copy as curl' });
    this.curl = this.dialog.getByRole('textbox', { name: 'curl command' });
    this.logLines = this.dialog.getByRole('list', { name: 'Log lines of this invocation' }).getByRole('listitem');
  }

  /** From a row's actions menu. */
  async openFrom(row: AssetRow): Promise<void> {
    await row.actionsButton.click();
    await this.page.getByRole('menuitem', { name: 'Request as Twilio', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** From the header, on any path (functions included). */
  async openForPath(path: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Request as Twilio: any path' }).click();
    await expect(this.dialog).toBeVisible();
    await this.path.fill(path);
  }

  async method(method: 'GET' | 'POST'): Promise<void> {
    await this.dialog.getByRole('radio', { name: method, exact: true }).check();
  }

  async addParameter(name: string, value: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add parameter' }).click();
    const count = await this.dialog.getByRole('textbox', { name: /^Parameter \d+ name$/ }).count();
    await this.dialog.getByRole('textbox', { name: `Parameter ${count} name` }).fill(name);
    await this.dialog.getByRole('textbox', { name: `Parameter ${count} value` }).fill(value);
  }

  /** Sends and waits for both answers. */
  async sendRequest(): Promise<void> {
    await this.send.click();
    await expect(this.signed.status).toBeVisible({ timeout: 30_000 });
  }
}
