import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../test-s3.ts';
import { DiskContentStore, HashMismatchError } from './blobs.ts';
import { copyContent } from './copy-content.ts';
import { S3ContentStore } from './s3-blobs.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let s3: TestS3;
const dirs: string[] = [];
const disk = () => {
  const dir = mkdtempSync(join(tmpdir(), 'copy-content-'));
  dirs.push(dir);
  return new DiskContentStore(dir);
};

beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('copying content between stores', () => {
  it('copies disk → S3 → disk byte-exact, verifying what is already there', async () => {
    const source = disk();
    const contents = [randomBytes(10), randomBytes(200_000), randomBytes(6 * 1024 * 1024)];
    for (const bytes of contents) await source.place(await source.write(Readable.from([bytes]), Infinity));
    const bucket = new S3ContentStore({ ...s3.config, prefix: 'copy/' });
    expect(await copyContent(source, bucket)).toEqual({ copied: 3, verified: 0 });
    expect(await copyContent(source, bucket)).toEqual({ copied: 0, verified: 3 });
    const back = disk();
    expect(await copyContent(bucket, back)).toEqual({ copied: 3, verified: 0 });
    // Byte-exact, compared by hash (deep equality of a 6 MB Buffer takes minutes).
    for (const bytes of contents) expect(sha(readFileSync(back.pathOf(sha(bytes))))).toBe(sha(bytes));
  });

  it('stops at content whose bytes do not match their hash, placing nothing for it', async () => {
    const source = disk();
    const bytes = Buffer.from('original bytes');
    await source.place(await source.write(Readable.from([bytes]), Infinity));
    writeFileSync(source.pathOf(sha(bytes)), 'tampered bytes');
    const bucket = new S3ContentStore({ ...s3.config, prefix: 'tampered/' });
    await expect(copyContent(source, bucket)).rejects.toBeInstanceOf(HashMismatchError);
    expect((await s3.keys()).filter((key) => key.startsWith('tampered/'))).toEqual([]);
  });
});
