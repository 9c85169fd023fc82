import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/api-schemas.ts';
import type { Visibility } from '../../../shared/visibility.ts';
import { buildCountWarnings, checkFile, identicalAssetPath, isSendable } from './file-checks.ts';
import type { QueuedFile } from './upload-store.ts';

let n = 0;
function queued(
  path: string,
  {
    size = 10,
    visibility = 'public',
    replace = false,
  }: { size?: number; visibility?: Visibility; replace?: boolean } = {},
): QueuedFile {
  n += 1;
  return {
    id: `f${n}`,
    // A sparse Blob part: the size is what matters, not the bytes.
    file: new File([new Uint8Array(size)], path.slice(path.lastIndexOf('/') + 1)),
    path,
    visibility,
    replace,
    status: 'ready',
    loaded: 0,
    error: null,
    metadata: { state: 'none' },
    removeMetadata: false,
    stripped: null,
    stripError: null,
    hashes: {},
  };
}

function asset(path: string, visibility: Visibility = 'public', sha256 = ''): Asset {
  n += 1;
  return {
    sid: `ZH${n}`,
    account_sid: 'AC1',
    service_sid: 'ZS1',
    friendly_name: path,
    date_created: '',
    date_updated: '',
    url: '',
    links: { asset_versions: '' },
    latest_version: {
      sid: `ZN${n}`,
      service_sid: 'ZS1',
      asset_sid: `ZH${n}`,
      path,
      visibility,
      date_created: '',
      size: 1,
      content_type: 'text/plain',
      sha256,
      metadata_removed: false,
      url: '',
      account_sid: 'AC1',
      links: { asset_version_content: '' },
    },
  };
}

describe('checks on a file before it is uploaded', () => {
  it('passes a file with a fresh, valid path', () => {
    const file = queued('/fresh.txt');
    expect(checkFile(file, [file], [asset('/other.txt')])).toEqual({ kind: 'ok' });
  });

  it('refuses an empty file and one over its visibility’s limit', () => {
    const empty = queued('/empty.txt', { size: 0 });
    expect(checkFile(empty, [empty], [])).toMatchObject({ kind: 'problem', field: 'size', message: /empty/ });
    const big = queued('/big.bin', { size: 10 * 1024 * 1024 + 1, visibility: 'private' });
    expect(checkFile(big, [big], [])).toEqual({
      kind: 'problem',
      field: 'size',
      message: 'big.bin is 10.0 MB; private assets are limited to 10 MB',
    });
  });

  it('refuses a bad path, and the second file with the same path in one upload', () => {
    const bad = queued('/a/../b.txt');
    expect(checkFile(bad, [bad], [])).toMatchObject({ kind: 'problem', field: 'path' });
    const first = queued('/same.txt');
    const second = queued('/same.txt');
    expect(checkFile(first, [first, second], [])).toEqual({ kind: 'ok' });
    expect(checkFile(second, [first, second], [])).toMatchObject({ kind: 'problem', message: /already has the path/ });
  });

  it('reports a clash with an existing asset, sendable only when the user chose to replace it', () => {
    const existing = asset('/logo.svg');
    const file = queued('/logo.svg');
    const check = checkFile(file, [file], [existing]);
    expect(check).toEqual({ kind: 'clash', asset: existing });
    expect(isSendable(check, file)).toBe(false);
    expect(isSendable(check, { ...file, replace: true })).toBe(true);
  });

  it('warns when the uploads would put the service over a per-build count limit', () => {
    const assets = Array.from({ length: 49 }, (_, i) => asset(`/p${i}`, 'private'));
    const one = queued('/new1', { visibility: 'private' });
    const two = queued('/new2', { visibility: 'private' });
    const ok = (file: QueuedFile) => ({ item: file, check: checkFile(file, [file], assets) });
    expect(buildCountWarnings([ok(one)], assets)).toEqual([]);
    expect(buildCountWarnings([ok(one), ok(two)], assets)).toEqual([
      expect.stringContaining('51 private assets, but a build takes at most 50'),
    ]);
    // Replacing an existing private asset does not add one.
    const replacing = queued('/p0', { visibility: 'private', replace: true });
    expect(
      buildCountWarnings([ok(one), { item: replacing, check: checkFile(replacing, [replacing], assets) }], assets),
    ).toEqual([]);
  });

  it('counts public and protected together against one limit, as the server does', () => {
    const assets = [
      ...Array.from({ length: 600 }, (_, i) => asset(`/pub${i}`, 'public')),
      ...Array.from({ length: 399 }, (_, i) => asset(`/prot${i}`, 'protected')),
    ];
    const ok = (file: QueuedFile) => ({ item: file, check: checkFile(file, [file], assets) });
    expect(buildCountWarnings([ok(queued('/a', { visibility: 'protected' }))], assets)).toEqual([]);
    expect(
      buildCountWarnings(
        [ok(queued('/a', { visibility: 'protected' })), ok(queued('/b', { visibility: 'public' }))],
        assets,
      ),
    ).toEqual([expect.stringContaining('1001 public and protected assets, but a build takes at most 1000')]);
    // A private file does not count against that limit.
    expect(
      buildCountWarnings(
        [ok(queued('/a', { visibility: 'protected' })), ok(queued('/c', { visibility: 'private' }))],
        assets,
      ),
    ).toEqual([]);
  });
});

describe('identical content and Remove metadata', () => {
  it('names the asset whose latest bytes equal what the upload would send', () => {
    const assets = [asset('/a.png', 'public', 'aa'), asset('/img/logo.png', 'public', 'bb')];
    const item = { ...queued('/new.png'), hashes: { file: 'bb', stripped: 'aa' } };
    expect(identicalAssetPath(item, assets)).toBe('/img/logo.png');
    expect(identicalAssetPath({ ...item, removeMetadata: true }, assets)).toBe('/a.png');
    expect(identicalAssetPath({ ...item, hashes: { file: 'cc' } }, assets)).toBeNull();
    expect(identicalAssetPath(queued('/x.png'), assets)).toBeNull();
  });

  it('holds a file back until its copy without metadata exists, and shows why it cannot be made', () => {
    const item = { ...queued('/p.jpg'), removeMetadata: true };
    expect(isSendable(checkFile(item, [item], []), item)).toBe(false);
    const ready = { ...item, stripped: new Blob(['x']) };
    expect(isSendable(checkFile(ready, [ready], []), ready)).toBe(true);
    const failed = { ...item, stripError: 'This JPEG file is damaged (no end marker)' };
    expect(checkFile(failed, [failed], [])).toEqual({
      kind: 'problem',
      field: 'metadata',
      message: 'Metadata could not be removed: This JPEG file is damaged (no end marker)',
    });
  });
});
