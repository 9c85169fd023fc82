import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  hashInto,
  HashMismatchError,
  isSha256,
  type ByteRange,
  type ContentEntry,
  type ContentStore,
  type StagedBlob,
} from './blobs.ts';

/** Where content goes in S3 (credentials come from the AWS SDK's usual environment variables). */
export interface S3Config {
  kind: 's3';
  bucket: string;
  /** For S3-compatible stores (MinIO, R2, Garage, s3rver…); unset for AWS. */
  endpoint?: string;
  region: string;
  /** Prepended to every key ('' or ending with '/'). */
  prefix: string;
  /** Path-style URLs (http://host/bucket/key), which most non-AWS servers need. */
  forcePathStyle: boolean;
}

/** Parts of a multipart upload: the least S3 allows; with QUEUE parts in flight, bounds an upload's memory. */
const PART_BYTES = 5 * 1024 * 1024;
const QUEUE = 2;

const statusOf = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const isNotFound = (err: unknown) => {
  const name = (err as { name?: string }).name;
  return statusOf(err) === 404 || name === 'NotFound' || name === 'NoSuchKey';
};

export function s3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Checksums only where S3 requires them: the newer default (CRC trailers on every upload) is
    // not understood by many S3-compatible servers; content is checked by its sha256 anyway.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Content in an S3 bucket: <prefix>blobs/<sha256>. An upload streams (multipart, bounded parts)
 * into <prefix>tmp/<random> while it is hashed; place() copies it to its final key only when that
 * key is absent (S3 makes an object visible only once complete, so a final key never holds half an
 * object) and deletes the temp object. A failed or refused upload aborts its multipart upload.
 */
export class S3ContentStore implements ContentStore {
  readonly kind = 's3';
  readonly client: S3Client;

  constructor(readonly config: S3Config) {
    this.client = s3Client(config);
  }

  keyOf(sha256: string): string {
    return `${this.config.prefix}blobs/${sha256}`;
  }

  private get tmpPrefix() {
    return `${this.config.prefix}tmp/`;
  }

  localPath(): null {
    return null;
  }

  async write(source: Readable, maxBytes: number): Promise<StagedBlob> {
    const key = `${this.tmpPrefix}${Date.now()}-${randomBytes(12).toString('hex')}`;
    const body = new PassThrough({ highWaterMark: 256 * 1024 });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: body },
      partSize: PART_BYTES,
      queueSize: QUEUE,
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    // An early failure of the upload (the store unreachable) must stop the hashing too.
    uploaded.catch((err: Error) => body.destroy(err));
    try {
      const hashed = await hashInto(source, body, maxBytes);
      await uploaded;
      return { ...hashed, tmp: key };
    } catch (err) {
      // The body was destroyed with the error, so the upload fails and aborts its multipart upload
      // (parts included); wait for that, then make sure no object is left in any case.
      await uploaded.catch(() => undefined);
      await this.deleteKey(key).catch(() => undefined);
      throw err;
    }
  }

  async place(staged: StagedBlob): Promise<void> {
    const { bucket } = this.config;
    const final = this.keyOf(staged.sha256);
    const exists = await this.head(final);
    // Absent: copy the whole temp object under the final key. Present: identical bytes (same hash);
    // copy it onto itself with new metadata, which makes it young again for garbage collection.
    await this.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: final,
        CopySource: encodeURI(`${bucket}/${exists ? final : staged.tmp}`),
        MetadataDirective: 'REPLACE',
        Metadata: { 'placed-at': String(Date.now()) },
      }),
    );
    await this.deleteKey(staged.tmp);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await this.deleteKey(staged.tmp);
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const res = await this.client.send(
      new GetObjectCommand({
        Bucket: this.config.bucket,
        Key: this.keyOf(sha256),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return res.Body as Readable;
  }

  async copyToFile(sha256: string, file: string): Promise<void> {
    const body = await this.read(sha256);
    const out = createWriteStream(file);
    try {
      const hashed = await hashInto(body, out, Number.MAX_SAFE_INTEGER);
      if (hashed.sha256 !== sha256) throw new HashMismatchError(sha256, hashed.sha256);
    } catch (err) {
      body.destroy();
      if (!out.closed) await new Promise((resolve) => out.once('close', resolve));
      await rm(file, { force: true });
      throw err;
    }
  }

  async stat(sha256: string): Promise<ContentEntry | null> {
    const head = await this.head(this.keyOf(sha256));
    return head ? { sha256, ...head } : null;
  }

  async *list(): AsyncIterable<ContentEntry> {
    const prefix = `${this.config.prefix}blobs/`;
    for await (const object of this.objects(prefix)) {
      const sha256 = object.key.slice(prefix.length);
      if (isSha256(sha256)) yield { sha256, size: object.size, modifiedMs: object.modifiedMs };
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.deleteKey(this.keyOf(sha256));
  }

  /**
   * Temp objects and unfinished multipart uploads older than `olderThanMs`: left by an instance that
   * died mid-upload (any instance may be writing the younger ones). Servers that cannot list
   * multipart uploads are skipped: a lifecycle rule (AbortIncompleteMultipartUpload) covers them.
   */
  async sweepTemp(olderThanMs: number): Promise<number> {
    const { bucket } = this.config;
    const before = Date.now() - olderThanMs;
    let removed = 0;
    for await (const object of this.objects(this.tmpPrefix)) {
      if (object.modifiedMs >= before) continue;
      await this.deleteKey(object.key);
      removed++;
    }
    try {
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: bucket,
            Prefix: this.tmpPrefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || (upload.Initiated?.getTime() ?? 0) >= before) continue;
          await this.client.send(
            new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }),
          );
          removed++;
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (err) {
      const status = statusOf(err);
      if (status !== 501 && status !== 405) throw err;
    }
    return removed;
  }

  private async head(key: string): Promise<{ size: number; modifiedMs: number } | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return { size: res.ContentLength ?? 0, modifiedMs: res.LastModified?.getTime() ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  private async *objects(prefix: string): AsyncIterable<{ key: string; size: number; modifiedMs: number }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) {
          yield { key: object.Key, size: object.Size ?? 0, modifiedMs: object.LastModified?.getTime() ?? 0 };
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
