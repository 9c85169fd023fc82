import { expect, type Locator, type Page } from '@playwright/test';
import type { Environment, Service } from '../../app/shared/api-schemas.ts';
import { AssetsPane } from './assets-pane.ts';
import { LogsPane } from './logs-pane.ts';
import { ReviewDialog } from './review-dialog.ts';

/** The editor of one Service: header (environment, Deploy All), Assets pane, editor area, logs. */
export class EditorPage {
  readonly assets: AssetsPane;
  readonly logs: LogsPane;
  readonly deployButton: Locator;
  /** Shows the selected environment's URL; click it to switch environment. */
  readonly environmentButton: Locator;
  /** Toasts ("Copied …", errors) live here. */
  readonly notifications: Locator;

  constructor(
    readonly page: Page,
    readonly service: Service,
    readonly environment: Environment,
  ) {
    this.assets = new AssetsPane(page);
    this.logs = new LogsPane(page);
    this.deployButton = page.getByRole('button', { name: 'Deploy All' });
    this.environmentButton = page.getByRole('button', { name: /^Environment/ });
    this.notifications = page.getByRole('region', { name: /^Notifications/ });
  }

  /** The environment's base URL as the editor shows it, e.g. http://svc-1234.localhost:4311 */
  get environmentUrl(): string {
    return `http://${this.environment.domain_name}`;
  }

  async goto(): Promise<void> {
    await this.page.goto(`/services/${this.service.sid}`);
    await expect(this.assets.root).toBeVisible();
  }

  /** Reloads the editor (e.g. after creating data through the API). */
  async reload(): Promise<void> {
    await this.goto();
  }

  /**
   * Clicks Deploy All, confirms its review, and waits until the editor says how it ended (its own
   * notice, so an earlier deploy's server log line cannot answer for this one).
   */
  async deployAll(outcome: 'success' | 'failure' = 'success'): Promise<void> {
    await this.deployButton.click();
    await new ReviewDialog(this.page, /^Review Deploy All/).confirm('Deploy');
    await this.logs.expectEntry(
      outcome === 'success' ? /Deploy All to .*: build ZB[0-9a-f]{32} is live at/ : /Deploy failed/,
    );
  }

  async expectNotification(text: string | RegExp): Promise<void> {
    await expect(this.notifications.getByRole('status').filter({ hasText: text }).first()).toBeVisible();
  }

  /** GETs a URL on an environment domain in a fresh tab of this browser (Chromium maps *.localhost to loopback). */
  async fetchServed(url: string): Promise<{ status: number; body: string; contentType: string }> {
    const tab = await this.page.context().newPage();
    try {
      const response = await tab.goto(url);
      if (!response) throw new Error(`No response for ${url}`);
      return {
        status: response.status(),
        body: await response.text(),
        contentType: response.headers()['content-type'] ?? '',
      };
    } finally {
      await tab.close();
    }
  }
}
