import { expect, type Locator, type Page } from '@playwright/test';

/** The editor area: tabs of opened assets, the viewer/editor, and the Copy URL bar under it. */
export class EditorArea {
  readonly root: Locator;
  readonly tabs: Locator;
  readonly saveButton: Locator;
  readonly copyUrlButton: Locator;
  /** The bar under the editor with the asset's URL (or why it has none). */
  readonly urlBar: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Editor' });
    this.tabs = this.root.getByRole('tablist', { name: 'Open assets' }).getByRole('tab');
    this.saveButton = this.root.getByRole('button', { name: 'Save', exact: true });
    this.copyUrlButton = this.root.getByRole('button', { name: 'Copy URL' });
    this.urlBar = this.root.getByLabel('Asset URL');
  }

  tab(name: string): Locator {
    return this.root.getByRole('tab', { name, exact: true });
  }

  /** The mouse's close button on a tab (keyboard users press Delete on the tab). */
  closeTabButton(path: string): Locator {
    return this.root.getByTitle(`Close ${path}`);
  }

  /** The code editor's editable text for an asset path. */
  code(path: string): Locator {
    return this.root.getByRole('textbox', { name: `Contents of ${path}` });
  }

  imagePreview(path: string): Locator {
    return this.root.getByRole('img', { name: `Preview of ${path}` });
  }

  audioPlayer(path: string): Locator {
    return this.root.getByLabel(`Play ${path}`);
  }

  /** Replaces the whole text of the open text asset by typing, as a user would. */
  async replaceText(path: string, text: string): Promise<void> {
    const code = this.code(path);
    await code.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(text);
    await expect(code).toHaveText(text.replace(/\n/g, ''));
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.root.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
  }

  /** Clicks Copy URL and returns what landed on the clipboard (needs clipboard permissions). */
  async copyUrl(): Promise<string> {
    await this.copyUrlButton.click();
    await expect(this.urlBar.getByRole('status')).toHaveText('Copied to the clipboard');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
