import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { functionsConfig, type Config } from './config.ts';
import { PLACING_GRACE_MS } from './store/store.ts';
import { testDatabaseFor, testPostgresUrl } from './test-postgres.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

let sharedS3: Promise<TestS3> | null = null;

export interface TestServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  accountSid: string;
  authToken: string;
  /** `Authorization` header value for HTTP Basic with the account's credentials. */
  authorization: string;
  dataDir: string;
  signInToken: string;
  config: Config;
  close(): Promise<void>;
}

/**
 * A real server on an ephemeral port with its own temporary data directory (a real SQLite file
 * and blob files (TEST_CONTENT=s3: objects in a real S3 server); with TEST_DATABASE=postgres, a database of its own in the test cluster instead
 * of the SQLite file). Environment domains are <name>.localhost:<port>.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'assets-studio-test-'));
  // TEST_CONTENT=s3 runs a test file's servers with their content in a real S3 server (s3rver, one
  // per test file, so that a server started again on the same config finds its content).
  const s3 = process.env.TEST_CONTENT === 's3' && !overrides.content ? await (sharedS3 ??= startTestS3()) : null;
  const cluster = testPostgresUrl();
  const database = cluster && !('databaseUrl' in overrides) ? await testDatabaseFor(cluster, dataDir) : null;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    accountSid: `AC${randomBytes(16).toString('hex')}`,
    authToken: randomBytes(16).toString('hex'),
    trustProxy: false,
    uiDir: join(process.cwd(), 'dist/ui'),
    cacheBytes: 64 * 1024 * 1024,
    log: false,
    workers: 1,
    idleTimeoutMs: 30_000,
    maxConnectionsPerAddress: 256,
    functions: functionsConfig({}),
    content: s3 ? { ...s3.config, prefix: `${randomBytes(4).toString('hex')}/` } : { kind: 'disk' },
    contentGraceMs: PLACING_GRACE_MS,
    contentCacheBytes: 256 * 1024 * 1024,
    databaseUrl: database?.url,
    ...overrides,
    // Undefined here means "from the port", set once it listens (a restarted server gets a new one).
    domainBase: overrides.domainBase ?? 'localhost:0',
  };
  const { app, signInToken } = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (!overrides.domainBase) config.domainBase = `localhost:${port}`;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    accountSid: config.accountSid,
    authToken: config.authToken,
    authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`,
    dataDir,
    signInToken,
    config,
    async close() {
      await app.close();
      // A directory the test gave may be opened again: its database stays (until the cluster stops).
      if (!overrides.dataDir) {
        await database?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
