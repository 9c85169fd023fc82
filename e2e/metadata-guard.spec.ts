import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { formatBytes } from '../app/shared/visibility.ts';
import { expect, test } from './fixtures/upload-test.ts';
import { pickFiles, type TestFile } from './pages/upload-dialog.ts';
import { openInTab } from './fixtures/environment-request.ts';

const fixture = (name: string) => readFileSync(new URL(`./files/${name}`, import.meta.url));
const jpeg = (name: string, buffer: Buffer): TestFile => ({ name, mimeType: 'image/jpeg', buffer });

/** `UPDATE_SCREENSHOT=1` also refreshes the README's picture of the warning. */
const DOCS_COPY = process.env.UPDATE_SCREENSHOT ? ['docs/metadata-warning.png'] : [];

/** From the first SOS marker to EOI: the scan headers and the compressed pixels of a baseline JPEG. */
function scanData(bytes: Buffer): Buffer {
  let pos = 2;
  while (bytes[pos + 1] !== 0xda) pos += 2 + bytes.readUInt16BE(pos + 2);
  return bytes.subarray(pos, bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
}

test('a JPEG with GPS warns; with Remove metadata it is served without GPS and with the same image data', async ({
  page,
  editor,
  uploadDialog,
  editorArea,
}) => {
  const grumpy = fixture('grumpy.jpg');
  await pickFiles(page, editor.assets.addButton, [jpeg('grumpy.jpg', grumpy), jpeg('clean.jpg', fixture('clean.jpg'))]);
  const row = uploadDialog.file('grumpy.jpg');
  const warning = row.root.getByRole('group', { name: 'Metadata in grumpy.jpg' });
  await expect(warning).toContainText('GPS location: 48.8584° N, 2.2945° E');
  await expect(warning).toContainText('Artist: Jane Doe');
  await expect(warning).toContainText('Uploaded as is unless you choose to remove it');
  // A picture without metadata gets no warning.
  await expect(uploadDialog.file('clean.jpg').root).toContainText('Ready to upload');
  await expect(uploadDialog.file('clean.jpg').root.getByRole('group')).toHaveCount(0);
  await uploadDialog.file('clean.jpg').removeButton.click();

  const remove = warning.getByRole('checkbox', { name: /^Remove metadata/ });
  await expect(remove).not.toBeChecked();
  await remove.check();
  await expect(warning).toContainText(`Will upload without metadata (${formatBytes(grumpy.length - 376)})`);
  await row.setVisibility('public');
  await uploadDialog.root.screenshot({ path: test.info().outputPath('metadata-warning.png') });
  for (const path of DOCS_COPY) await uploadDialog.root.screenshot({ path });
  await uploadDialog.upload();

  await editor.deployAll();
  await editor.assets.row('/grumpy.jpg').expectDeployed();
  const served = await openInTab(page, `${editor.environmentUrl}/grumpy.jpg`);
  expect(served.status).toBe(200);
  expect(await exifr.gps(served.body)).toBeUndefined();
  expect(await exifr.parse(served.body, { tiff: true, xmp: true, iptc: true, jfif: false })).toBeUndefined();
  expect(served.body).toHaveLength(grumpy.length - 376);
  expect(scanData(served.body).equals(scanData(grumpy))).toBe(true);

  await editor.assets.row('/grumpy.jpg').pathButton.click();
  await expect(editorArea.root.getByRole('definition').filter({ hasText: 'Removed before upload' })).toBeVisible();
});

test('an image uploaded as is keeps its metadata, and its details say so', async ({
  page,
  editor,
  uploadDialog,
  editorArea,
}) => {
  await pickFiles(page, editor.assets.addButton, [jpeg('grumpy.jpg', fixture('grumpy.jpg'))]);
  await expect(uploadDialog.file('grumpy.jpg').root).toContainText('GPS location');
  await uploadDialog.upload();
  await editor.assets.row('/grumpy.jpg').pathButton.click();
  await expect(editorArea.root.getByRole('definition').filter({ hasText: 'As uploaded' })).toBeVisible();
});

test('a file with the same bytes as an existing asset says which one', async ({ page, editor, api, uploadDialog }) => {
  const clean = fixture('clean.jpg');
  // Same size, one bit different (JFIF density): only the hash can tell them apart.
  const sameSizeOtherBytes = Buffer.from(clean);
  sameSizeOtherBytes[15] = sameSizeOtherBytes[15]! ^ 1;
  await api.createAsset(editor.service.sid, { path: '/img/logo.jpg', content: clean });
  await editor.reload();
  await pickFiles(page, editor.assets.addButton, [jpeg('copy.jpg', clean), jpeg('other.jpg', sameSizeOtherBytes)]);
  await expect(uploadDialog.file('copy.jpg').root).toContainText('Same bytes as /img/logo.jpg');
  await expect(uploadDialog.file('other.jpg').root).toContainText('Ready to upload');
  await expect(uploadDialog.file('other.jpg').root).not.toContainText('Same bytes');
});
