import { expect, type Locator, type Page } from '@playwright/test';
import type { Visibility } from '../../app/shared/visibility.ts';

/** A file to hand to the browser: by drop, the OS file dialog or setInputFiles. */
export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const textFile = (name: string, content: string, mimeType = 'text/plain'): TestFile => ({
  name,
  mimeType,
  buffer: Buffer.from(content),
});

/** Add → Upload File, and picks files in the OS file dialog that opens. */
export async function pickFiles(page: Page, addButton: Locator, files: TestFile[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await addButton.click();
  await page.getByRole('menuitem', { name: 'Upload File' }).click();
  await (await chooser).setFiles(files);
}

/**
 * Drops files on a target the way a user's drag from the desktop does: a real DataTransfer built in
 * the page, then dragenter, dragover and drop events on the target.
 */
export async function dropFiles(page: Page, target: Locator, files: TestFile[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.mimeType }));
    }
    return transfer;
  }, payload);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

/** One file's row in the upload dialog. */
export class UploadFileRow {
  readonly visibility: Locator;
  readonly path: Locator;
  readonly removeButton: Locator;
  readonly replaceCheckbox: Locator;
  readonly progress: Locator;

  constructor(
    readonly root: Locator,
    readonly name: string,
  ) {
    this.visibility = root.getByRole('combobox', { name: `Visibility for ${name}` });
    this.path = root.getByRole('textbox', { name: `Path for ${name}` });
    this.removeButton = root.getByRole('button', { name: `Remove ${name}` });
    this.replaceCheckbox = root.getByRole('checkbox', { name: /^Replace it/ });
    this.progress = root.getByRole('progressbar', { name: `Uploading ${name}` });
  }

  async setVisibility(visibility: Visibility): Promise<void> {
    await this.visibility.selectOption(visibility);
  }

  async expectMessage(text: string | RegExp): Promise<void> {
    await expect(this.root).toContainText(text);
  }
}

/** The upload dialog opened by Add → Upload File or by dropping files on the Assets pane. */
export class UploadDialog {
  readonly root: Locator;
  readonly files: Locator;
  readonly uploadButton: Locator;
  readonly addFilesButton: Locator;
  readonly cancelButton: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: /^Upload to/ });
    // The list's own items: a JPEG's row holds a list of its metadata too, shown once it is read.
    this.files = this.root.getByRole('list', { name: 'Files to upload' }).locator(':scope > li');
    this.uploadButton = this.root.getByRole('button', { name: /^Upload( \d+ files| \d+ of \d+)?$/ });
    this.addFilesButton = this.root.getByRole('button', { name: 'Add files', exact: true });
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel' });
    this.summary = this.root.getByRole('status');
  }

  file(name: string): UploadFileRow {
    return new UploadFileRow(this.root.getByRole('listitem', { name, exact: true }), name);
  }

  async expectFiles(names: string[]): Promise<void> {
    await expect(this.files).toHaveCount(names.length);
    for (const name of names) await expect(this.file(name).root).toBeVisible();
  }

  /** Adds files through the dialog's own "Add files" button and the OS file dialog. */
  async addFiles(files: TestFile[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.addFilesButton.click();
    await (await chooser).setFiles(files);
  }

  /** Clicks Upload and waits for the dialog to close (every file uploaded). */
  async upload(): Promise<void> {
    await this.uploadButton.click();
    await expect(this.root).toBeHidden({ timeout: 30_000 });
  }
}
