import { expect, type Locator, type Page } from '@playwright/test';
import { VISIBILITY_LABELS as LABEL, type Visibility } from '../../app/shared/visibility.ts';

/** One row of the Assets pane, found by its exact path. */
export class AssetRow {
  readonly visibilityButton: Locator;
  readonly actionsButton: Locator;
  readonly pathButton: Locator;
  readonly rootBadge: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
    readonly path: string,
  ) {
    this.visibilityButton = root.getByRole('button', { name: /^Visibility/ });
    this.actionsButton = root.getByRole('button', { name: /^Actions for/ });
    this.pathButton = root.getByRole('button', { name: `Open ${path}`, exact: true });
    this.rootBadge = root.getByText('root', { exact: true });
  }

  status(label: 'Deployed' | 'Not deployed'): Locator {
    return this.root.getByRole('img', { name: label, exact: true });
  }

  async expectDeployed(): Promise<void> {
    await expect(this.status('Deployed')).toBeVisible();
  }

  async expectNotDeployed(): Promise<void> {
    await expect(this.status('Not deployed')).toBeVisible();
  }

  async expectVisibility(visibility: Visibility): Promise<void> {
    await expect(this.visibilityButton).toHaveText(LABEL[visibility]);
  }

  /** Opens the visibility menu and picks one. */
  async setVisibility(visibility: Visibility): Promise<void> {
    await this.visibilityButton.click();
    await this.page.getByRole('menuitemradio', { name: LABEL[visibility] }).click();
  }

  /** Opens the actions menu and picks an item (Copy URL, Rename, Open, Download, Delete). */
  async action(name: 'Copy URL' | 'Rename' | 'Open' | 'Download' | 'Delete'): Promise<void> {
    await this.actionsButton.click();
    await this.page.getByRole('menuitem', { name, exact: true }).click();
  }

  /** The inline path editor shown by Rename. */
  get renameInput(): Locator {
    return this.page.getByRole('textbox', { name: `New path for ${this.path}` });
  }

  async rename(newPath: string): Promise<void> {
    await this.action('Rename');
    await this.renameInput.fill(newPath);
    await this.renameInput.press('Enter');
  }

  async delete(): Promise<void> {
    await this.action('Delete');
    const dialog = this.page.getByRole('dialog', { name: /^Delete/ });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The left side of the editor: Add+, filter box, and the (virtualised) lists of functions and assets. */
export class AssetsPane {
  readonly root: Locator;
  readonly filter: Locator;
  readonly list: Locator;
  readonly rows: Locator;
  readonly functionList: Locator;
  readonly addButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Functions and Assets' });
    this.filter = this.root.getByRole('searchbox', { name: 'Filter assets' });
    this.list = this.root.getByRole('list', { name: 'Assets', exact: true });
    this.rows = this.list.getByRole('listitem');
    this.functionList = this.root.getByRole('list', { name: 'Functions', exact: true });
    this.addButton = this.root.getByRole('button', { name: /^Add/ });
  }

  row(path: string): AssetRow {
    return new AssetRow(this.page, this.list.getByRole('listitem', { name: path, exact: true }), path);
  }

  /** A row of the Functions group (same controls as an asset's row). */
  functionRow(path: string): AssetRow {
    return new AssetRow(this.page, this.functionList.getByRole('listitem', { name: path, exact: true }), path);
  }

  /** The count next to a group's heading ("3", "1 of 3"). */
  groupCount(group: 'Functions' | 'Assets'): Locator {
    return this.root
      .getByRole('group', { name: group, exact: true })
      .getByLabel(new RegExp(`^\\d+( of \\d+)? ${group}$`, 'i'));
  }

  /** The path of every row currently rendered (the list is virtualised). */
  async renderedPaths(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }
}
