import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { functionsConfig, type Config } from './config.ts';
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
 * and blob files). Environment domains are <name>.localhost:<port>.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'assets-studio-test-'));
  // TEST_CONTENT=s3 runs a test file's servers with their content in a real S3 server (s3rver, one
  // per test file, so that a server started again on the same config finds its content).
  const s3 = process.env.TEST_CONTENT === 's3' && !overrides.content ? await (sharedS3 ??= startTestS3()) : null;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    domainBase: 'localhost:0',
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
    // Deleted content goes at once, as the tests of deleting expect (one process, no other writer).
    contentGraceMs: 0,
    contentCacheBytes: 256 * 1024 * 1024,
    ...overrides,
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
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
