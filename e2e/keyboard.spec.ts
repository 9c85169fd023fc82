import { SettingsPanels } from './pages/settings.ts';
import { expect, test } from './fixtures/test.ts';

test('keyboard only: reach a row, open and use the visibility menu and the actions menu', async ({
  editor,
  api,
  page,
}) => {
  await api.createAsset(editor.service.sid, { path: '/one.txt', content: '1' });
  await api.createAsset(editor.service.sid, { path: '/two.txt', content: '2' });
  await editor.reload();
  const { assets } = editor;

  // From the filter box, Tab walks into the first row: path → visibility → actions.
  await assets.filter.focus();
  await page.keyboard.press('Tab');
  await expect(assets.row('/one.txt').pathButton).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(assets.row('/two.txt').pathButton).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(assets.row('/one.txt').pathButton).toBeFocused();

  const row = assets.row('/one.txt');
  await page.keyboard.press('Tab');
  await expect(row.visibilityButton).toBeFocused();
  await page.keyboard.press('Enter');
  const visibilityMenu = page.getByRole('menu', { name: 'Visibility' });
  await expect(visibilityMenu).toBeVisible();
  await expect(visibilityMenu.getByRole('menuitemradio', { name: /Public/ })).toHaveAttribute('aria-checked', 'true');
  // Opening by keyboard focuses the first item.
  await expect(visibilityMenu.getByRole('menuitemradio', { name: /Public/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(visibilityMenu.getByRole('menuitemradio', { name: /Protected/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(visibilityMenu).toBeHidden();
  await row.expectVisibility('protected');
  await row.expectNotDeployed();

  await expect(row.visibilityButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row.actionsButton).toBeFocused();
  await page.keyboard.press('Enter');
  const actions = page.getByRole('menu', { name: 'Actions for /one.txt' });
  await expect(actions).toBeVisible();
  // The row is protected now, so its menu also offers Request as Twilio.
  await expect(actions.getByRole('menuitem')).toHaveText([
    'Copy URL',
    'Rename',
    'Open',
    'Download',
    'Request as Twilio',
    'Delete',
  ]);
  await page.keyboard.press('Escape');
  await expect(actions).toBeHidden();
  await expect(row.actionsButton).toBeFocused();

  // Rename by keyboard: the actions menu → Rename → type → Enter.
  await page.keyboard.press('Enter');
  await expect(actions.getByRole('menuitem', { name: 'Copy URL' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(actions.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row.renameInput).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('/uno.txt');
  await page.keyboard.press('Enter');
  await expect(assets.row('/uno.txt').root).toBeVisible();
});

test('Escape closes a dialog even when a notification came up after it opened', async ({ editor, api, page }) => {
  await api.createAsset(editor.service.sid, { path: '/one.txt', content: '1' });
  await editor.reload();
  // The rename's answer is held until the dialog is open, so its notification comes up above it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.startsWith('/v1/'),
    async (route) => {
      if (route.request().method() !== 'GET') await held;
      await route.continue();
    },
  );
  await editor.assets.row('/one.txt').rename('/uno.txt');
  const settings = new SettingsPanels(page);
  await settings.openVariables();
  release();
  // Out of the accessibility tree while the modal dialog is open, so found as the open toast.
  await expect(page.locator('li[data-state="open"]', { hasText: 'Renamed to /uno.txt' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settings.dialog).toBeHidden();
  await expect(settings.variablesButton).toBeFocused();
});
