import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3Client, type S3Config } from './store/s3-blobs.ts';

/** The little of Koa's context (s3rver is a Koa app) the multipart routes below use. */
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  middleware: KoaMiddleware[];
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
}
type S3rverClass = new (options: {
  port: number;
  address: string;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

export interface TestS3 {
  config: S3Config;
  /** Every key in the bucket (under any prefix). */
  keys(): Promise<string[]>;
  /** The keys of the multipart uploads under way (started, neither completed nor aborted). */
  uploads(): Promise<string[]>;
  close(): Promise<void>;
}

/** Every key in a bucket under a prefix, listed with the AWS SDK. */
export async function bucketKeys(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** The keys of a bucket's unfinished multipart uploads under a prefix, listed with the AWS SDK. */
export async function bucketUploads(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  if (page.IsTruncated) throw new Error('more multipart uploads than one page: not expected in a test');
  return (page.Uploads ?? []).flatMap((upload) => (upload.Key ? [upload.Key] : [])).sort();
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * ListMultipartUploads and AbortMultipartUpload, which s3rver 3 answers with NotImplemented and
 * MethodNotAllowed, over the upload directories s3rver itself keeps (<bucket>/._S3rver_uploads/<id>/,
 * with the key in a file `key`): so that the product's abort of a refused upload and its sweep of
 * uploads that a dead instance left run against the S3 wire protocol, as on AWS or MinIO.
 */
function multipartRoutes(server: S3rverInstance): KoaMiddleware {
  const uploadsDir = (bucket: string) => server.store.getResourcePath(bucket, undefined, 'uploads');
  const xml = (ctx: KoaContext, status: number, body: string) => {
    ctx.status = status;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  };
  return async (ctx, next) => {
    // The SDK sends bucket requests as /<bucket>/ (path style).
    const [bucket = '', ...rest] = ctx.path.slice(1).split('/');
    if (ctx.method === 'GET' && rest.join('') === '' && 'uploads' in ctx.query) {
      const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
      const entries: string[] = [];
      for (const id of await readdir(uploadsDir(bucket)).catch(() => [])) {
        const keyFile = join(uploadsDir(bucket), id, 'key');
        // A directory without its key file: parts that arrived after an abort (S3 drops those too).
        const key = await readFile(keyFile, 'utf-8').catch(() => null);
        if (key === null || !key.startsWith(prefix)) continue;
        const initiated = (await stat(keyFile)).mtime.toISOString();
        entries.push(
          `<Upload><Key>${xmlText(key)}</Key><UploadId>${xmlText(id)}</UploadId><Initiated>${initiated}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`,
        );
      }
      xml(
        ctx,
        200,
        `<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${xmlText(bucket)}</Bucket><Prefix>${xmlText(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${entries.join('')}</ListMultipartUploadsResult>`,
      );
      return;
    }
    const id = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && rest.join('') !== '' && typeof id === 'string' && /^[\w-]+$/.test(id)) {
      const dir = join(uploadsDir(bucket), id);
      const key = await readFile(join(dir, 'key'), 'utf-8').catch(() => null);
      if (key !== decodeURIComponent(rest.join('/'))) {
        xml(
          ctx,
          404,
          '<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>',
        );
        return;
      }
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    await next();
  };
}

/**
 * A real S3-compatible server (s3rver) on a free port with its own temporary directory and one
 * bucket. The product code talks to it with the AWS SDK only, as to any S3 store; the credentials
 * are the SDK's usual environment variables (s3rver accepts S3RVER/S3RVER).
 */
export async function startTestS3(options: { prefix?: string } = {}): Promise<TestS3> {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  const bucket = `test-${randomBytes(4).toString('hex')}`;
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  server.middleware.unshift(multipartRoutes(server));
  const { port } = await server.run();
  // A server shared by a test file's servers is not closed by them: its files go when the file's process ends.
  const removeDirectory = () => rmSync(directory, { recursive: true, force: true });
  process.once('exit', removeDirectory);
  const config: S3Config = {
    kind: 's3',
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    prefix: options.prefix ?? '',
    forcePathStyle: true,
  };
  const client = s3Client(config);
  return {
    config,
    keys: () => bucketKeys(client, bucket),
    uploads: () => bucketUploads(client, bucket),
    async close() {
      client.destroy();
      await server.close();
      removeDirectory();
      process.off('exit', removeDirectory);
    },
  };
}
