import { readFileSync } from 'node:fs';
import { expect, test, EDITOR_URL } from './fixtures/upload-test.ts';

test.describe('Editor area', () => {
  test('Copy URL puts the exact URL on the clipboard, and it serves the asset once deployed', async ({
    context,
    editor,
    editorArea,
    api,
    service,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: EDITOR_URL });
    await api.createAsset(service.service.sid, {
      path: '/docs/readme.txt',
      content: 'read me\n',
      visibility: 'public',
    });
    await editor.reload();

    await editor.assets.row('/docs/readme.txt').pathButton.click();
    await expect(editorArea.tab('readme.txt')).toHaveAttribute('aria-selected', 'true');
    await expect(editorArea.code('/docs/readme.txt')).toHaveText('read me');

    const url = `http://${service.environment.domain_name}/docs/readme.txt`;
    expect(await editorArea.copyUrl()).toBe(url);
    await editor.expectNotification(`Copied ${url}`);

    await editor.deployAll();
    const served = await editor.fetchServed(url);
    expect(served.status).toBe(200);
    expect(served.body).toBe('read me\n');
    expect(served.contentType).toContain('text/plain');
  });

  test('New Asset: type, Save (row turns gray), Deploy All, the URL serves the typed text', async ({
    page,
    editor,
    editorArea,
    api,
    service,
  }) => {
    await editor.assets.addButton.click();
    await page.getByRole('menuitem', { name: 'New Asset' }).click();
    const dialog = page.getByRole('dialog', { name: 'New asset' });
    await dialog.getByLabel('Path').fill('/notes/today.txt');
    await dialog.getByLabel('Visibility').selectOption('public');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();

    const row = editor.assets.row('/notes/today.txt');
    await row.expectNotDeployed();
    await expect(editorArea.tab('today.txt')).toHaveAttribute('aria-selected', 'true');

    await editor.deployAll();
    await row.expectDeployed();

    await editorArea.replaceText('/notes/today.txt', 'Typed in the editor\nsecond line');
    await expect(editorArea.root.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
    await editorArea.save();
    await row.expectNotDeployed();
    const screenshot = test.info().outputPath('text-editor.png');
    await page.screenshot({ path: screenshot });
    await test.info().attach('text-editor', { path: screenshot, contentType: 'image/png' });

    await editor.deployAll();
    await row.expectDeployed();
    const served = await editor.fetchServed(`${editor.environmentUrl}/notes/today.txt`);
    expect(served.status).toBe(200);
    expect(served.body).toBe('Typed in the editor\nsecond line');

    const [asset] = await api.assets(service.service.sid);
    expect(asset?.latest_version?.visibility).toBe('public');
  });

  test('New Asset refuses a bad path or a taken one, in the dialog', async ({ page, editor, api, service }) => {
    await api.createAsset(service.service.sid, { path: '/taken.txt', content: 'x\n' });
    await editor.reload();
    await editor.assets.addButton.click();
    await page.getByRole('menuitem', { name: 'New Asset' }).click();
    const dialog = page.getByRole('dialog', { name: 'New asset' });
    const path = dialog.getByLabel('Path');

    await path.fill('/a/../b.txt');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Path must not contain "." or ".." segments');
    await path.fill('/taken.txt');
    await expect(dialog.getByRole('alert')).toHaveText('An asset at /taken.txt already exists');
    await path.fill('/photo.png');
    await expect(dialog.getByRole('alert')).toContainText('use Upload File for other types');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await api.assets(service.service.sid)).toHaveLength(1);
  });

  test('images are previewed, audio is playable, other types show type, size and hash', async ({
    page,
    editor,
    editorArea,
    api,
    service,
  }) => {
    const jpg = readFileSync(new URL('./files/clean.jpg', import.meta.url));
    const mp3 = readFileSync(new URL('./files/ahoy.mp3', import.meta.url));
    await api.createAsset(service.service.sid, { path: '/img/clean.jpg', content: jpg, visibility: 'public' });
    await api.createAsset(service.service.sid, { path: '/ahoy.mp3', content: mp3, visibility: 'protected' });
    const blob = await api.createAsset(service.service.sid, {
      path: '/data.bin',
      content: Buffer.from([0, 1, 2, 3, 255]),
    });
    await editor.reload();

    await editor.assets.row('/img/clean.jpg').pathButton.click();
    const image = editorArea.imagePreview('/img/clean.jpg');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const screenshot = test.info().outputPath('image-preview.png');
    await page.screenshot({ path: screenshot });
    await test.info().attach('image-preview', { path: screenshot, contentType: 'image/png' });

    await editor.assets.row('/ahoy.mp3').pathButton.click();
    const audio = editorArea.audioPlayer('/ahoy.mp3');
    await expect(audio).toBeVisible();
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(0);
    await expect(editorArea.urlBar).toContainText('Protected');

    await editor.assets.row('/data.bin').pathButton.click();
    const details = editorArea.root.getByRole('definition');
    await expect(editorArea.root).toContainText('cannot be previewed');
    await expect(details.filter({ hasText: 'application/octet-stream' })).toBeVisible();
    await expect(details.filter({ hasText: '5 B (5 bytes)' })).toBeVisible();
    await expect(details.filter({ hasText: blob.latest_version!.sha256 })).toBeVisible();

    await expect(editorArea.tabs).toHaveCount(3);
    await editorArea.closeTabButton('/data.bin').click();
    await expect(editorArea.tabs).toHaveCount(2);
    await expect(editorArea.tab('ahoy.mp3')).toHaveAttribute('aria-selected', 'true');
  });

  test('closing a tab with unsaved text asks first', async ({ page, editor, editorArea, api, service }) => {
    await api.createAsset(service.service.sid, { path: '/draft.txt', content: 'saved text\n', visibility: 'public' });
    await editor.reload();
    await editor.assets.row('/draft.txt').pathButton.click();
    await editorArea.replaceText('/draft.txt', 'not saved yet');

    await editorArea.closeTabButton('/draft.txt').click();
    const ask = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect(ask).toContainText('/draft.txt has changes that are not saved.');
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect(ask).toBeHidden();
    await expect(editorArea.code('/draft.txt')).toHaveText('not saved yet');

    await editorArea.closeTabButton('/draft.txt').click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await expect(editorArea.tabs).toHaveCount(0);
    // Reopened, it shows what was saved.
    await editor.assets.row('/draft.txt').pathButton.click();
    await expect(editorArea.code('/draft.txt')).toHaveText('saved text');
  });
});
