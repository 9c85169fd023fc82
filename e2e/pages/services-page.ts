import { expect, type Locator, type Page } from '@playwright/test';

/** The list of Services and the form that creates one. */
export class ServicesPage {
  readonly heading: Locator;
  readonly uniqueName: Locator;
  readonly friendlyName: Locator;
  readonly createButton: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Services', exact: true });
    this.uniqueName = page.getByLabel('Unique name');
    this.friendlyName = page.getByLabel('Friendly name');
    this.createButton = page.getByRole('button', { name: 'Create service' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  serviceLink(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true });
  }
}
