import { expect, type Locator, type Page } from '@playwright/test';

/** The review shown before Deploy All, a roll back or a promote: the changes, the quota after, confirm. */
export class ReviewDialog {
  readonly root: Locator;
  readonly changes: Locator;
  readonly quota: Locator;

  constructor(
    readonly page: Page,
    title: string | RegExp = /^(Review Deploy All|Roll back|Promote) /,
  ) {
    this.root = page.getByRole('dialog', { name: title });
    this.changes = this.root.getByRole('list', { name: 'Changes' }).getByRole('listitem');
    this.quota = this.root.getByRole('region', { name: 'Quota after the deploy' });
  }

  /** The aria-label of every change row: "<path>: <what changed>". */
  async changeLabels(): Promise<string[]> {
    await expect(this.changes.first()).toBeVisible();
    return this.changes.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  change(path: string): Locator {
    return this.root.getByRole('listitem', { name: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) });
  }

  /** Clicks the confirming button (Deploy, Roll back, Promote) and waits for the dialog to close. */
  async confirm(label: 'Deploy' | 'Roll back' | 'Promote' = 'Deploy'): Promise<void> {
    await this.root.getByRole('button', { name: label, exact: true }).click();
    await expect(this.root).toBeHidden();
  }

  async cancel(): Promise<void> {
    // The footer's button (the header's × is named Close too).
    await this.root
      .getByRole('button', { name: /^(Cancel|Close)$/ })
      .last()
      .click();
    await expect(this.root).toBeHidden();
  }
}
