import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isSid, SID_PREFIX } from '../shared/sids.ts';
import type { S3Config } from './store/s3-blobs.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Environments' domains are <domain_base>[-<suffix>].<domainBase>. */
  domainBase: string;
  accountSid: string;
  authToken: string;
  /** Take scheme and host from X-Forwarded-* headers. */
  trustProxy: boolean;
  /** Where the built editor is; the server answers 503 for the editor when it is missing. */
  uiDir: string;
  /** Bounded memory for small asset bodies on environment domains. */
  cacheBytes: number;
  log: boolean;
  /** Server processes sharing the port (each serves API, editor and environment domains). */
  workers: number;
  /** A connection with no bytes moving either way for this long is closed (stalled readers included). */
  idleTimeoutMs: number;
  /** Open connections one client address may hold per process; 0 for no limit. */
  maxConnectionsPerAddress: number;
  functions: FunctionsConfig;
  /** Where content (asset and function bytes) lives: DATA_DIR/blobs, or an S3 bucket. */
  content: ContentConfig;
  /**
   * How long content marked as being placed is safe from garbage collection without its version
   * recorded (a writer that died); also the age below which content no row knows is left alone.
   */
  contentGraceMs: number;
  /** Disk space, per data directory, for local copies of larger assets served from S3. */
  contentCacheBytes: number;
  /**
   * An unfinished upload in S3 (temp object, multipart upload) older than this was left by an
   * instance that died: any instance deletes it. Longer than any upload takes; default: the longer
   * of an hour and contentGraceMs.
   */
  staleUploadMs?: number;
  /** postgres://… to keep the metadata in PostgreSQL (shared by several instances); unset: SQLite in dataDir. */
  databaseUrl?: string;
}

export type ContentConfig = { kind: 'disk' } | S3Config;

/** S3 from S3_* variables when S3_BUCKET is set (credentials: the AWS SDK's own variables), else disk. */
export function contentConfig(env: NodeJS.ProcessEnv): ContentConfig {
  const bucket = env.S3_BUCKET;
  if (bucket === undefined || bucket === '') return { kind: 'disk' };
  const endpoint = env.S3_ENDPOINT || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new Error(`S3_ENDPOINT must be an http(s) URL, not ${endpoint}`);
  const style = env.S3_FORCE_PATH_STYLE ?? '';
  if (!['', 'true', 'false'].includes(style))
    throw new Error(`S3_FORCE_PATH_STYLE must be true or false, not ${style}`);
  const prefix = (env.S3_PREFIX ?? '').replace(/^\/+/, '');
  return {
    kind: 's3',
    bucket,
    endpoint,
    region: env.S3_REGION || env.AWS_REGION || 'us-east-1',
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    forcePathStyle: style === 'true',
  };
}

/** How deployed Functions run (see app/server/functions). */
export interface FunctionsConfig {
  /** An invocation running longer is stopped with a 504. */
  timeoutMs: number;
  /** A function process idle this long is stopped. */
  idleMs: number;
  /** Invocations in flight per service (per server process) before 429. */
  concurrency: number;
  /** V8 heap cap of each function process. */
  memoryMb: number;
  /** Where getTwilioClient() sends requests: 'twilio' (Twilio's API), 'local' (this server) or a base URL. */
  twilioApi: string;
}

interface Credentials {
  accountSid: string;
  authToken: string;
}

/** Credentials from the environment, else from DATA_DIR, else new ones saved there (mode 0600). */
function credentials(env: NodeJS.ProcessEnv, dataDir: string): Credentials & { generated: boolean } {
  if (env.TWILIO_ACCOUNT_SID || env.TWILIO_AUTH_TOKEN) {
    const accountSid = env.TWILIO_ACCOUNT_SID ?? '';
    const authToken = env.TWILIO_AUTH_TOKEN ?? '';
    if (!isSid(accountSid, SID_PREFIX.account))
      throw new Error('TWILIO_ACCOUNT_SID must be "AC" followed by 32 hex digits');
    if (authToken.length < 16) throw new Error('TWILIO_AUTH_TOKEN must be set, at least 16 characters');
    return { accountSid, authToken, generated: false };
  }
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) {
    return { ...(JSON.parse(readFileSync(file, 'utf-8')) as Credentials), generated: false };
  }
  const created = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600, flag: 'wx' });
  return { ...created, generated: true };
}

function cacheMegabytes(value: string | undefined): number {
  if (value === undefined || value === '') return 128;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`ASSET_CACHE_MB must be a whole number of megabytes, not ${value}`);
  return n;
}

function wholeNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new Error(`${name} must be a whole number from 0 to ${max}, not ${value}`);
  return n;
}

function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return Math.min(availableParallelism(), 4);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`WORKERS must be a whole number from 1 to 64, not ${value}`);
  return n;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  return n;
}

function twilioApi(value: string | undefined): string {
  if (value === undefined || value === '' || value === 'twilio') return 'twilio';
  if (value === 'local') return 'local';
  if (/^https?:\/\/[^/]/.test(value)) return value.replace(/\/+$/, '');
  throw new Error(`FUNCTIONS_TWILIO_API must be "twilio", "local" or an http(s) base URL, not ${value}`);
}

/** Functions settings from the environment (defaults as on Twilio: 10 s, 30 in flight per service). */
export function functionsConfig(env: NodeJS.ProcessEnv): FunctionsConfig {
  return {
    timeoutMs: whole(env, 'FUNCTIONS_TIMEOUT_MS', 10_000, 100, 600_000),
    idleMs: whole(env, 'FUNCTIONS_IDLE_MS', 5 * 60_000, 100, 24 * 3600_000),
    concurrency: whole(env, 'FUNCTIONS_CONCURRENCY', 30, 1, 1000),
    memoryMb: whole(env, 'FUNCTIONS_MEMORY_MB', 256, 32, 16_384),
    twilioApi: twilioApi(env.FUNCTIONS_TWILIO_API),
  };
}

function databaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new Error('DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database)');
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config & { credentialsGenerated: boolean } {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const { generated, ...creds } = credentials(env, dataDir);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    domainBase: (env.DOMAIN_BASE ?? `localhost:${port}`).toLowerCase(),
    ...creds,
    trustProxy: env.TRUST_PROXY === 'true',
    uiDir: resolve(env.UI_DIR ?? 'dist/ui'),
    cacheBytes: cacheMegabytes(env.ASSET_CACHE_MB) * 1024 * 1024,
    log: env.LOG !== 'false',
    workers: workerCount(env.WORKERS),
    idleTimeoutMs: wholeNumber('IDLE_TIMEOUT_SECONDS', env.IDLE_TIMEOUT_SECONDS, 30, 3600) * 1000,
    // Behind a proxy every client shares its address: no per-address limit unless set.
    maxConnectionsPerAddress: wholeNumber(
      'MAX_CONNECTIONS_PER_ADDRESS',
      env.MAX_CONNECTIONS_PER_ADDRESS,
      env.TRUST_PROXY === 'true' ? 0 : 256,
      1_000_000,
    ),
    functions: functionsConfig(env),
    content: contentConfig(env),
    contentGraceMs: whole(env, 'CONTENT_GRACE_SECONDS', 15 * 60, 0, 7 * 24 * 3600) * 1000,
    contentCacheBytes: whole(env, 'CONTENT_CACHE_MB', 1024, 0, 1024 * 1024) * 1024 * 1024,
    ...(env.STALE_UPLOAD_SECONDS
      ? { staleUploadMs: whole(env, 'STALE_UPLOAD_SECONDS', 3600, 1, 7 * 24 * 3600) * 1000 }
      : {}),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    credentialsGenerated: generated,
  };
}
