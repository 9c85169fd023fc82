import type { Locator, Page } from '@playwright/test';

/** What a signed-out user sees. */
export class SignInPage {
  readonly heading: Locator;
  readonly accountSid: Locator;
  readonly authToken: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in to Assets Studio' });
    this.accountSid = page.getByLabel('Account SID');
    this.authToken = page.getByLabel('Auth Token');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
  }

  async signIn(accountSid: string, authToken: string): Promise<void> {
    await this.accountSid.fill(accountSid);
    await this.authToken.fill(authToken);
    await this.submit.click();
  }
}
