import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsConfig } from '../config.ts';
import { REDIRECT_PRELOAD, TWILIO_RUN_BIN } from '../compat/helpers.ts';
import { callDomain } from '../test-functions.ts';
import { startTestServer, type TestServer } from '../test-server.ts';
import { dependenciesKey } from './install.ts';

// The three examples of FUNCTIONS.md, in a Serverless Toolkit project deployed with the real
// `twilio-run deploy`: a private JSON read with open(), a private mp3 served byte-exact, and a
// protected asset's URL passed to client.messages.create — whose requests go to a local stand-in
// for Twilio's API (FUNCTIONS_TWILIO_API) that records the call and fetches the media URL signed,
// as Twilio does, and unsigned.

const run = promisify(execFile);
const FIXTURES = join(dirname(new URL(import.meta.url).pathname), '../../../e2e/files');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

interface MediaFetch {
  signed: number;
  unsigned: number;
  signedBytes: Buffer;
}

/** What the stand-in for Twilio's Messages API received, and what fetching the media gave. */
interface RecordedMessage {
  authorization: string | undefined;
  path: string;
  params: URLSearchParams;
  media: MediaFetch;
}

const PROJECT: Record<string, string | Buffer> = {
  'package.json': JSON.stringify({
    name: 'examples',
    version: '1.0.0',
    private: true,
    dependencies: { '@twilio/runtime-handler': '2.1.0', ms: '^2.1.3' },
  }),
  '.env': 'FROM_NUMBER=+15017122661\nTO_NUMBER=+15558675310\n',
  // 1. Read a private asset.
  'functions/config.js': `exports.handler = (context, event, callback) => {
  callback(null, Runtime.getAssets()['/config.json'].open());
};
`,
  // 2. Serve an mp3 from a private asset.
  'functions/ahoy.js': `const fs = require('fs');
exports.handler = (context, event, callback) => {
  const response = new Twilio.Response();
  response.setBody(fs.readFileSync(Runtime.getAssets()['/ahoy.mp3'].path));
  response.appendHeader('Content-Type', 'audio/mpeg');
  callback(null, response);
};
`,
  // 3. Use a protected asset from code. (http: this server's domains are plain HTTP.)
  'functions/send-photo.js': `exports.handler = async (context, event, callback) => {
  const message = await context.getTwilioClient().messages.create({
    from: context.FROM_NUMBER,
    to: context.TO_NUMBER,
    body: 'Grumpy',
    mediaUrl: ['http://' + context.DOMAIN_NAME + '/grumpy.jpg'],
  });
  callback(null, { sid: message.sid, status: message.status });
};
`,
  // The dependency from package.json.
  'functions/uptime.js': `const ms = require('ms');
exports.handler = (context, event, callback) => callback(null, ms(Number(event.ms)));
`,
  // What the build directory gives code: its own files, not the rest of the data directory.
  'functions/peek.js': `const fs = require('fs');
const path = require('path');
exports.handler = (context, event, callback) => {
  const attempt = (file) => {
    try {
      fs.readFileSync(file);
      return 'read';
    } catch (err) {
      return err.code;
    }
  };
  const own = Runtime.getAssets()['/config.json'].path;
  const dataDir = path.join(own, '..', '..', '..', '..');
  callback(null, {
    own: attempt(own),
    db: attempt(path.join(dataDir, 'studio.db')),
    credentials: attempt(path.join(dataDir, 'credentials.json')),
    dependency: attempt(require.resolve('ms')),
  });
};
`,
  'assets/config.private.json': fixture('config.json'),
  'assets/ahoy.private.mp3': fixture('ahoy.mp3'),
  'assets/grumpy.protected.jpg': fixture('grumpy.jpg'),
};

let server: TestServer;
let twilioApi: Server;
let projectDir: string;
let home: string;
const messages: RecordedMessage[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GET an environment-domain URL as Twilio's media fetcher would: signed with the Auth Token, or not. */
function fetchMedia(url: string, signature?: string): Promise<{ status: number; body: Buffer }> {
  const { host, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        headers: { Host: host, ...(signature ? { 'X-Twilio-Signature': signature } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The Messages resource of Twilio's API, enough for messages.create(). */
async function startTwilioApi(): Promise<string> {
  twilioApi = createServer((req, res) => {
    void (async () => {
      const params = new URLSearchParams(await readBody(req));
      const mediaUrl = params.get('MediaUrl') ?? '';
      const signed = await fetchMedia(mediaUrl, twilio.getExpectedTwilioSignature(server.authToken, mediaUrl, {}));
      const unsigned = await fetchMedia(mediaUrl);
      messages.push({
        authorization: req.headers.authorization,
        path: req.url ?? '',
        params,
        media: { signed: signed.status, unsigned: unsigned.status, signedBytes: signed.body },
      });
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          sid: 'SM0123456789abcdef0123456789abcdef',
          status: 'queued',
          to: params.get('To'),
          from: params.get('From'),
          body: params.get('Body'),
          num_media: '1',
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => twilioApi.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(twilioApi.address() as { port: number }).port}`;
}

beforeAll(async () => {
  const apiUrl = await startTwilioApi();
  server = await startTestServer({ functions: { ...functionsConfig({}), twilioApi: apiUrl } });
  projectDir = mkdtempSync(join(tmpdir(), 'assets-studio-examples-'));
  home = mkdtempSync(join(tmpdir(), 'assets-studio-home-'));
  for (const [path, content] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(projectDir, path)), { recursive: true });
    writeFileSync(join(projectDir, path), content);
  }
});

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => twilioApi?.close(resolve));
  for (const dir of [projectDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `twilio-run deploy` as a user runs it, pointed at the test server by the documented preload. */
async function deploy() {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(TWILIO_|NODE_OPTIONS$|ASSETS_STUDIO_)/.test(key)) env[key] = value;
  }
  const args = [TWILIO_RUN_BIN, 'deploy', '--output-format', 'json', '--cwd', projectDir];
  try {
    const { stdout } = await run(
      process.execPath,
      [...args, '--username', server.accountSid, '--password', server.authToken],
      {
        env: {
          ...env,
          HOME: home,
          NO_COLOR: '1',
          ASSETS_STUDIO_URL: server.origin,
          NODE_OPTIONS: `--require ${REDIRECT_PRELOAD}`,
        },
        timeout: 50_000,
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    return JSON.parse(stdout) as { domain: string; serviceSid: string; buildSid: string };
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`twilio-run deploy failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

describe('the three examples of FUNCTIONS.md, deployed with twilio-run', () => {
  let deployed: { domain: string; serviceSid: string; buildSid: string };
  const call = (path: string) => callDomain(server.port, deployed.domain, path);

  it('deploys: the build installs the dependency and completes', async () => {
    deployed = await deploy();
    const res = await fetch(`${server.origin}/v1/Services/${deployed.serviceSid}/Builds/${deployed.buildSid}`, {
      headers: { Authorization: server.authorization },
    });
    const build = (await res.json()) as Record<string, any>;
    expect(build.status).toBe('completed');
    expect(build.dependencies).toEqual([
      { name: '@twilio/runtime-handler', version: '2.1.0' },
      { name: 'ms', version: '^2.1.3' },
    ]);
    const modules = join(server.dataDir, 'deps', dependenciesKey(build.dependencies), 'node_modules');
    expect(existsSync(join(modules, 'ms', 'package.json'))).toBe(true);
    // And function code can use it.
    const uptime = await call('/uptime?ms=90000');
    expect(uptime.status).toBe(200);
    expect(uptime.text).toBe('2m');
  });

  it('gives function code its own build and dependencies to read, not the data directory', async () => {
    const res = await call('/peek');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      own: 'read',
      db: 'ERR_ACCESS_DENIED',
      credentials: 'ERR_ACCESS_DENIED',
      dependency: 'read',
    });
    // The file it was refused exists (with SQLite; on PostgreSQL the data directory has none).
    if (!server.config.databaseUrl) expect(existsSync(join(server.dataDir, 'studio.db'))).toBe(true);
  });

  it('1. reads a private asset with open()', async () => {
    const res = await call('/config');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(fixture('config.json').toString('utf8'));
    // The asset itself is not served by URL.
    expect((await call('/config.json')).status).toBe(404);
  });

  it('2. serves a private mp3 byte-exact as audio/mpeg', async () => {
    const res = await call('/ahoy');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.body.equals(fixture('ahoy.mp3'))).toBe(true);
    expect((await call('/ahoy.mp3')).status).toBe(404);
  });

  it("3. passes a protected asset's URL to messages.create; only a signed fetch of it gets the image", async () => {
    const res = await call('/send-photo');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' });

    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.path).toBe(`/2010-04-01/Accounts/${server.accountSid}/Messages.json`);
    expect(message!.authorization).toBe(server.authorization);
    expect(Object.fromEntries(message!.params)).toEqual({
      From: '+15017122661',
      To: '+15558675310',
      Body: 'Grumpy',
      MediaUrl: `http://${deployed.domain}/grumpy.jpg`,
    });
    expect(message!.media.signed).toBe(200);
    expect(message!.media.signedBytes.equals(fixture('grumpy.jpg'))).toBe(true);
    expect(message!.media.unsigned).toBe(403);
  });
});
