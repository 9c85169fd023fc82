import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../test-s3.ts';
import { DiskContentStore, TooLargeError, type ContentStore } from './blobs.ts';
import { S3ContentStore } from './s3-blobs.ts';
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { openStore } from './store.ts';

const MB = 1024 * 1024;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const chunks = (...parts: Buffer[]) => Readable.from(parts);

async function text(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** A source that sends `bytes`, then fails as a client that goes away does. */
function failingAfter(bytes: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(bytes);
      } else setTimeout(() => this.destroy(new Error('client went away')), 20);
    },
  });
}

let s3: TestS3;
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  dirs.push(dir);
  return dir;
};
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Subject {
  store: ContentStore;
  /** Every piece of content and temp object/file the store holds. */
  leftovers: () => Promise<string[]>;
}

const subjects: Record<string, () => Subject> = {
  disk: () => {
    const dir = freshDir();
    const store = new DiskContentStore(dir);
    return {
      store,
      leftovers: () =>
        Promise.resolve([
          ...readdirSync(join(dir, 'blobs')).flatMap((d) => readdirSync(join(dir, 'blobs', d))),
          ...readdirSync(join(dir, 'tmp')).map((name) => `tmp/${name}`),
        ]),
    };
  },
  s3: () => {
    // Each subject in its own prefix of the one bucket.
    const prefix = `p${randomBytes(4).toString('hex')}/`;
    const store = new S3ContentStore({ ...s3.config, prefix });
    return {
      store,
      // Objects, and multipart uploads neither completed nor aborted (their parts use space too).
      leftovers: async () => [
        ...(await s3.keys()).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)),
        ...(await s3.uploads())
          .filter((key) => key.startsWith(prefix))
          .map((key) => `upload of ${key.slice(prefix.length)}`),
      ],
    };
  },
};

describe.each(Object.keys(subjects))('the %s content store', (kind) => {
  const subject = () => subjects[kind]!();

  it('stores identical bytes once, under their sha256, and reads them back whole and by range', async () => {
    const { store, leftovers } = subject();
    const bytes = randomBytes(300_000);
    const a = await store.write(chunks(bytes.subarray(0, 1000), bytes.subarray(1000)), MB);
    const b = await store.write(chunks(bytes), MB);
    expect(a).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(a.head).toEqual(bytes.subarray(0, 512));
    // Staged: nothing under a final name yet.
    expect(await store.stat(a.sha256)).toBeNull();
    await store.place(a);
    await store.place(b);
    expect(await leftovers()).toEqual([kind === 's3' ? `blobs/${a.sha256}` : a.sha256]);
    expect(await text(await store.read(a.sha256))).toEqual(bytes);
    expect(await text(await store.read(a.sha256, { start: 10, end: 19 }))).toEqual(bytes.subarray(10, 20));
    expect(await store.stat(a.sha256)).toMatchObject({ sha256: a.sha256, size: bytes.length });
    const listed = [];
    for await (const entry of store.list()) listed.push(entry.sha256);
    expect(listed).toEqual([a.sha256]);
  });

  it('streams a 25 MB upload in parts and places it whole', async () => {
    const { store } = subject();
    const bytes = randomBytes(25 * MB);
    const parts = Array.from({ length: 100 }, (_, i) => bytes.subarray(i * 256 * 1024, (i + 1) * 256 * 1024));
    const staged = await store.write(chunks(...parts), 25 * MB);
    await store.place(staged);
    expect(staged.sha256).toBe(sha(bytes));
    const file = join(freshDir(), 'copy');
    await store.copyToFile(staged.sha256, file);
    expect(sha(readFileSync(file))).toBe(sha(bytes));
  });

  it('leaves nothing behind when an upload goes over the limit mid-stream (past the first part)', async () => {
    const { store, leftovers } = subject();
    const part = randomBytes(3 * MB);
    await expect(store.write(chunks(part, part, part, part), 10 * MB)).rejects.toBeInstanceOf(TooLargeError);
    expect(await leftovers()).toEqual([]);
  });

  it('leaves nothing behind when the client goes away mid-upload', async () => {
    const { store, leftovers } = subject();
    await expect(store.write(failingAfter(randomBytes(7 * MB)), 25 * MB)).rejects.toThrow('client went away');
    expect(await leftovers()).toEqual([]);
  });

  it('drops discarded staged bytes', async () => {
    const { store, leftovers } = subject();
    await store.discard(await store.write(chunks(Buffer.from('never recorded')), MB));
    expect(await leftovers()).toEqual([]);
  });

  it('refuses to materialise nothing: reading content that is not there fails', async () => {
    const { store } = subject();
    await expect(store.copyToFile('0'.repeat(64), join(freshDir(), 'x'))).rejects.toThrow();
  });

  it('leaves content being placed, and content no row knows, alone for the grace period', async () => {
    const dir = freshDir();
    const { store: content } = subject();
    const store = await openStore(dir, { content, contentGraceMs: 1500 });
    try {
      const svc = await store.services.create({
        unique_name: 'a',
        friendly_name: 'a',
        include_credentials: 1,
        ui_editable: 0,
      });
      const file = await store.files.create(svc.sid, 'asset', '/kept.txt');
      const fields = {
        service_sid: svc.sid,
        file_sid: file.sid,
        kind: 'asset' as const,
        path: '/kept.txt',
        visibility: 'public' as const,
        content_type: 'text/plain',
      };
      const kept = await content.write(chunks(Buffer.from(`kept ${kind}`)), MB);
      expect(await store.recordVersion(fields, kept)).not.toBeNull();
      // Marked and placed, its version not recorded yet (or never: a writer that died).
      const marked = await content.write(chunks(Buffer.from(`marked ${kind}`)), MB);
      await store.files.placing(marked.sha256, marked.size);
      await content.place(marked);
      // Placed with no row at all (a removal that failed half-way).
      const stray = await content.write(chunks(Buffer.from(`stray ${kind}`)), MB);
      await content.place(stray);
      expect(await store.collectGarbage()).toBe(0);
      expect(await store.sweepContent()).toBe(0);
      expect(await content.stat(marked.sha256)).not.toBeNull();
      expect(await content.stat(stray.sha256)).not.toBeNull();
      await new Promise((r) => setTimeout(r, 2100));
      expect(await store.sweepContent()).toBe(1);
      expect(await content.stat(stray.sha256)).toBeNull();
      expect(await store.collectGarbage()).toBe(1);
      expect(await content.stat(marked.sha256)).toBeNull();
      expect(await content.stat(kept.sha256)).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe('the S3 content store sweeping what dead writers left', () => {
  it('deletes temp objects and unfinished multipart uploads older than the age, and only those', async () => {
    const prefix = `p${randomBytes(4).toString('hex')}/`;
    const store = new S3ContentStore({ ...s3.config, prefix });
    const under = async () => [
      ...(await s3.keys()).filter((key) => key.startsWith(`${prefix}tmp/`)),
      ...(await s3.uploads()).filter((key) => key.startsWith(`${prefix}tmp/`)).map((key) => `upload of ${key}`),
    ];
    // What a writer that died leaves: a staged temp object never placed, and a multipart upload
    // (of a larger body) that was never completed.
    const staged = await store.write(chunks(Buffer.from('staged, never placed')), MB);
    const key = `${prefix}tmp/dead-writer`;
    const { UploadId } = await store.client.send(
      new CreateMultipartUploadCommand({ Bucket: s3.config.bucket, Key: key }),
    );
    await store.client.send(
      new UploadPartCommand({
        Bucket: s3.config.bucket,
        Key: key,
        UploadId,
        PartNumber: 1,
        Body: randomBytes(5 * MB),
      }),
    );
    expect(await under()).toEqual([staged.tmp, `upload of ${key}`]);
    // Younger than the age: another instance may still be writing them.
    expect(await store.sweepTemp(60_000)).toBe(0);
    await new Promise((r) => setTimeout(r, 2500));
    const young = await store.write(chunks(Buffer.from('a live upload')), MB);
    // (A listing may give times to the second: the young one must not look a second older than the age.)
    expect(await store.sweepTemp(1800)).toBe(2);
    expect(await under()).toEqual([young.tmp]);
  });
});
