import { expect, type Locator, type Page } from '@playwright/test';

/** The logs pane at the bottom of the editor: timestamped deploy and build messages. */
export class LogsPane {
  readonly root: Locator;
  readonly entries: Locator;
  readonly clearButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Logs' });
    this.entries = this.root.getByRole('log').getByRole('listitem');
    this.clearButton = this.root.getByRole('button', { name: 'Clear logs' });
  }

  async expectEntry(text: string | RegExp): Promise<void> {
    await expect(this.entries.filter({ hasText: text }).first()).toBeVisible();
  }
}
