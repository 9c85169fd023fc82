import { ACCOUNT_SID, AUTH_TOKEN, expect, test } from './fixtures/test.ts';

test.describe('signed out', () => {
  test.use({ signedIn: false });

  test('only the sign-in page is shown; wrong credentials are refused; right ones sign in; sign out ends it', async ({
    page,
    signInPage,
    servicesPage,
  }) => {
    await page.goto('/services/ZS00000000000000000000000000000000');
    await expect(signInPage.heading).toBeVisible();
    await expect(servicesPage.heading).toHaveCount(0);

    await signInPage.signIn(ACCOUNT_SID, 'not-the-token');
    await expect(signInPage.error).toHaveText('The Account SID or Auth Token is not right');

    await page.goto('/');
    await signInPage.signIn(ACCOUNT_SID, AUTH_TOKEN);
    await expect(servicesPage.heading).toBeVisible();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'studio_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');

    await servicesPage.signOutButton.click();
    await expect(signInPage.heading).toBeVisible();
    await page.reload();
    await expect(signInPage.heading).toBeVisible();
  });

  test('an expired sign-in link says so', async ({ page, signInPage }) => {
    await page.goto('/auth/sign-in?token=wrong');
    await expect(signInPage.heading).toBeVisible();
    await expect(signInPage.error).toContainText('expired');
  });
});

test('create a service: name rules shown as you type, then it opens in the editor with an environment URL', async ({
  servicesPage,
  api,
  page,
}) => {
  const { service: existing } = await api.createService();
  await servicesPage.goto();

  await servicesPage.uniqueName.fill('bad name!');
  await expect(page.getByRole('alert')).toHaveText('Unique name may contain only letters, digits and dashes');
  await expect(servicesPage.createButton).toBeDisabled();
  await servicesPage.uniqueName.fill(existing.unique_name);
  await expect(page.getByRole('alert')).toHaveText(`A service named ${existing.unique_name} already exists`);

  const name = `ui-${Date.now().toString(36)}`;
  await servicesPage.uniqueName.fill(name);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await servicesPage.friendlyName.fill('My UI service');
  await servicesPage.createButton.click();

  await expect(page).toHaveURL(/\/services\/ZS[0-9a-f]{32}$/);
  await expect(page.getByRole('heading', { name: 'My UI service' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: /^Environment production: http:\/\/ui-.*\.localhost:\d+$/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Assets' }).getByText('No assets yet')).toBeVisible();

  await page.getByRole('link', { name: 'Services' }).click();
  await expect(servicesPage.serviceLink('My UI service')).toBeVisible();
  await servicesPage.serviceLink(existing.friendly_name).click();
  await expect(page.getByRole('heading', { name: existing.friendly_name })).toBeVisible();
});
