import { dropFiles, pickFiles, textFile } from './pages/upload-dialog.ts';
import { expect, test } from './fixtures/upload-test.ts';

const MB = 1024 * 1024;

test.describe('Upload', () => {
  test('dropped files: per-file visibility, remove, add more, upload, deploy, serve', async ({
    page,
    editor,
    uploadDialog,
    editorArea,
    api,
    service,
  }) => {
    const dropZone = page.getByRole('group', { name: 'Assets drop zone' });
    await dropFiles(page, dropZone, [
      textFile('hello.html', '<!doctype html><h1>Hello from a drop</h1>\n', 'text/html'),
      textFile('styles.css', 'body { color: rebeccapurple; }\n', 'text/css'),
      textFile('unwanted.txt', 'remove me\n'),
    ]);
    await expect(uploadDialog.root).toBeVisible();
    await uploadDialog.expectFiles(['hello.html', 'styles.css', 'unwanted.txt']);
    await expect(uploadDialog.file('hello.html').root).toContainText('42 B');

    await uploadDialog.file('unwanted.txt').removeButton.click();
    await uploadDialog.expectFiles(['hello.html', 'styles.css']);

    await uploadDialog.addFiles([textFile('secret.json', '{"key": "only for code"}\n', 'application/json')]);
    await uploadDialog.expectFiles(['hello.html', 'styles.css', 'secret.json']);

    await uploadDialog.file('hello.html').setVisibility('public');
    await uploadDialog.file('styles.css').setVisibility('protected');
    await uploadDialog.file('secret.json').setVisibility('private');
    await expect(uploadDialog.uploadButton).toHaveText('Upload 3 files');
    await uploadDialog.upload();

    for (const path of ['/hello.html', '/styles.css', '/secret.json']) {
      await editor.assets.row(path).expectNotDeployed();
    }
    await editor.assets.row('/hello.html').expectVisibility('public');
    await editor.assets.row('/styles.css').expectVisibility('protected');
    await editor.assets.row('/secret.json').expectVisibility('private');
    await expect(editor.assets.row('/unwanted.txt').root).toHaveCount(0);
    await editor.logs.expectEntry('Uploaded 3 files: /hello.html, /styles.css, /secret.json');

    await editor.deployAll();
    for (const path of ['/hello.html', '/styles.css', '/secret.json']) {
      await editor.assets.row(path).expectDeployed();
    }

    const base = editor.environmentUrl;
    const served = await editor.fetchServed(`${base}/hello.html`);
    expect(served.status).toBe(200);
    expect(served.body).toBe('<!doctype html><h1>Hello from a drop</h1>\n');
    expect((await editor.fetchServed(`${base}/styles.css`)).status).toBe(403);
    expect((await editor.fetchServed(`${base}/secret.json`)).status).toBe(404);

    await editor.assets.row('/secret.json').pathButton.click();
    await expect(editorArea.urlBar).toContainText('No URL: Private assets are never served by URL');
    await expect(editorArea.copyUrlButton).toHaveCount(0);

    const assets = await api.assets(service.service.sid);
    expect(assets.map((a) => a.latest_version?.path).sort()).toEqual(['/hello.html', '/secret.json', '/styles.css']);
  });

  test('Upload File from the Add menu opens the OS file dialog, then the upload dialog', async ({
    page,
    editor,
    uploadDialog,
    api,
    service,
  }) => {
    await pickFiles(page, editor.assets.addButton, [textFile('picked.txt', 'picked in the file dialog\n')]);

    await uploadDialog.expectFiles(['picked.txt']);
    await expect(uploadDialog.file('picked.txt').visibility).toHaveValue('protected');
    await uploadDialog.file('picked.txt').setVisibility('public');
    await uploadDialog.upload();
    await editor.assets.row('/picked.txt').expectNotDeployed();
    const [asset] = await api.assets(service.service.sid);
    expect(asset?.latest_version).toMatchObject({ path: '/picked.txt', visibility: 'public', size: 26 });
  });

  test('an over-limit file is refused in the dialog and nothing is uploaded', async ({
    page,
    editor,
    uploadDialog,
    api,
    service,
  }) => {
    await pickFiles(page, editor.assets.addButton, [
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(11 * MB, 7) },
    ]);

    const big = uploadDialog.file('big.bin');
    await expect(big.root).toContainText('11.0 MB');
    await big.setVisibility('private');
    await big.expectMessage('big.bin is 11.0 MB; private assets are limited to 10 MB');
    await expect(uploadDialog.uploadButton).toBeDisabled();
    await expect(uploadDialog.summary).toHaveText('1 file · 11.0 MB · 1 needs attention');

    // An empty file dropped on the dialog is refused the same way (and added once, not twice).
    await dropFiles(page, uploadDialog.root, [textFile('empty.txt', '')]);
    await uploadDialog.file('empty.txt').expectMessage('empty.txt is empty; empty files cannot be uploaded');
    await dropFiles(page, uploadDialog.root, [
      textFile('index.html', '<!doctype html><p>hi</p>\n', 'text/html'),
      textFile('bad#name.css', 'p {}\n', 'text/css'),
    ]);
    await uploadDialog.file('bad#name.css').expectMessage('Path must not contain "#"');
    await expect(uploadDialog.summary).toHaveText('4 files · 11.0 MB · 3 need attention');
    await expect(uploadDialog.uploadButton).toHaveText('Upload 1 of 4');
    const screenshot = test.info().outputPath('upload-dialog.png');
    await page.screenshot({ path: screenshot });
    await test.info().attach('upload-dialog', { path: screenshot, contentType: 'image/png' });

    await uploadDialog.cancelButton.click();
    await expect(uploadDialog.root).toBeHidden();
    expect(await api.assets(service.service.sid)).toEqual([]);
  });

  test('a name clash offers to replace: the upload becomes a new version of the existing asset', async ({
    page,
    editor,
    uploadDialog,
    api,
    service,
  }) => {
    const existing = await api.createAsset(service.service.sid, {
      path: '/notes.txt',
      content: 'old\n',
      visibility: 'public',
    });
    await editor.reload();
    await editor.assets.row('/notes.txt').expectNotDeployed();

    await dropFiles(page, page.getByRole('group', { name: 'Assets drop zone' }), [
      textFile('notes.txt', 'new notes\n'),
    ]);
    const row = uploadDialog.file('notes.txt');
    await row.expectMessage('An asset at /notes.txt already exists.');
    await expect(uploadDialog.uploadButton).toBeDisabled();
    await row.replaceCheckbox.check();
    // Replacing starts from the existing asset's visibility rather than the default.
    await expect(row.visibility).toHaveValue('public');
    await uploadDialog.upload();

    await expect
      .poll(async () => (await api.assets(service.service.sid)).map((a) => [a.sid, a.latest_version?.size]))
      .toEqual([[existing.sid, 10]]);
    const [replaced] = await api.assets(service.service.sid);
    expect(replaced?.latest_version?.visibility).toBe('public');
    expect(replaced?.latest_version?.sid).not.toBe(existing.latest_version?.sid);
    await editor.assets.row('/notes.txt').expectNotDeployed();
  });

  test('keyboard: Add menu opens with the keyboard, Escape closes the upload dialog', async ({
    page,
    editor,
    uploadDialog,
    api,
    service,
  }) => {
    await editor.assets.addButton.focus();
    await page.keyboard.press('Enter');
    // The first item (New Function) has focus; Upload File is next.
    await expect(page.getByRole('menuitem', { name: 'New Function' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const uploadItem = page.getByRole('menuitem', { name: 'Upload File' });
    await expect(uploadItem).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'New Asset' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(uploadItem).toBeFocused();

    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles([textFile('keys.txt', 'typed\n')]);
    await expect(uploadDialog.root).toBeVisible();

    // Focus stays inside the dialog while tabbing.
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      await expect(uploadDialog.root.locator(':focus')).toHaveCount(1);
    }

    await page.keyboard.press('Escape');
    await expect(uploadDialog.root).toBeHidden();
    await expect(editor.assets.addButton).toBeFocused();
    expect(await api.assets(service.service.sid)).toEqual([]);
  });

  test('warns before uploading when the service would go over a per-build count limit', async ({
    page,
    editor,
    uploadDialog,
    api,
    service,
  }) => {
    const privates = Array.from({ length: 50 }, (_, i) => ({
      path: `/private/p${i}.txt`,
      content: `private ${i}`,
      visibility: 'private' as const,
    }));
    await api.createAssets(service.service.sid, privates);
    await editor.reload();

    const dropZone = page.getByRole('group', { name: 'Assets drop zone' });
    await dropFiles(page, dropZone, [textFile('one-more.txt', 'the 51st\n')]);
    await uploadDialog.file('one-more.txt').setVisibility('private');
    const warning = uploadDialog.root.getByRole('alert');
    await expect(warning).toHaveText(
      'After this upload the service has 51 private assets, but a build takes at most 50: Deploy All will fail until some are removed or given another visibility.',
    );
    await uploadDialog.file('one-more.txt').setVisibility('public');
    await expect(warning).toHaveCount(0);
  });
});
