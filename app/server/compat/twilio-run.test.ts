import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { getFromDomain, PROJECT_FILES, REDIRECT_PRELOAD, TWILIO_RUN_BIN, writeToolkitProject } from './helpers.ts';

// The twilio-run CLI itself, as a child process, redirected to the server by the preload users get
// in scripts/twilio-redirect.cjs (NODE_OPTIONS=--require …, ASSETS_STUDIO_URL=…).
// Async execFile on purpose: the server answers from this very process.

const run = promisify(execFile);

let server: TestServer;
let projectDir: string;
let home: string;

beforeAll(async () => {
  server = await startTestServer();
  projectDir = mkdtempSync(join(tmpdir(), 'assets-studio-twilio-run-'));
  home = mkdtempSync(join(tmpdir(), 'assets-studio-home-'));
  writeToolkitProject(projectDir, 'cli-demo');
});
afterAll(async () => {
  await server?.close();
  for (const dir of [projectDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The child's environment: the preload and our URL, and nothing Twilio-related from ours. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(TWILIO_|NODE_OPTIONS$|ASSETS_STUDIO_)/.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ASSETS_STUDIO_URL: server.origin,
    NODE_OPTIONS: `--require ${REDIRECT_PRELOAD}`,
  };
}

async function twilioRun(...args: string[]) {
  try {
    return await run(
      process.execPath,
      [TWILIO_RUN_BIN, ...args, '--cwd', projectDir, '--username', server.accountSid, '--password', server.authToken],
      { env: childEnv(), timeout: 45_000, maxBuffer: 10 * 1024 * 1024 },
    );
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`twilio-run ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

interface DeployOutput {
  domain: string;
  serviceSid: string;
  environmentSid: string;
  buildSid: string;
  runtime: string;
  assets: { access: string; path: string; url: string }[];
  functions: { access: string; path: string }[];
}

async function rest(path: string) {
  const res = await fetch(`${server.origin}${path}`, { headers: { Authorization: server.authorization } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, any>;
}

describe('twilio-run deploy and list against Assets Studio', () => {
  let first: DeployOutput;
  const builds: string[] = [];

  it('twilio-run deploy creates everything and the domain serves it', async () => {
    const { stdout } = await twilioRun('deploy', '--output-format', 'json');
    first = JSON.parse(stdout) as DeployOutput;
    builds.push(first.buildSid);
    expect(first.serviceSid).toMatch(/^ZS[0-9a-f]{32}$/);
    expect(first.domain).toMatch(new RegExp(`^cli-demo-\\d{4}-dev\\.localhost:${server.port}$`));
    expect(first.runtime).toBe('node22');
    expect(first.assets.map((a) => `${a.access} ${a.path}`).sort()).toEqual([
      'private /config.json',
      'protected /data.json',
      'public /assets/index.html',
      'public /hold-music.mp3',
      'public /nested/deeper/file.txt',
      'public /style.css',
    ]);
    expect(first.functions).toEqual([expect.objectContaining({ access: 'public', path: '/hello' })]);
    // twilio-run remembers the service for the next deploy, keyed by account and region.
    const info = JSON.parse(readFileSync(join(projectDir, '.twiliodeployinfo'), 'utf-8'));
    expect(info[`${server.accountSid}:us1`]).toEqual({ serviceSid: first.serviceSid, latestBuild: first.buildSid });

    const env = await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}`);
    expect(env.build_sid).toBe(first.buildSid);
    const variables = await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}/Variables`);
    expect(variables.variables.map((v: { key: string }) => v.key).sort()).toEqual(['FAVOURITE_COLOUR', 'GREETING']);

    expect((await getFromDomain(server.port, first.domain, '/style.css')).text).toBe(PROJECT_FILES['/style.css']);
    expect((await getFromDomain(server.port, first.domain, '/')).text).toBe(PROJECT_FILES['/assets/index.html']);
    expect((await getFromDomain(server.port, first.domain, '/data.json')).status).toBe(403);
    expect((await getFromDomain(server.port, first.domain, '/config.json')).status).toBe(404);
  });

  it('a second twilio-run deploy reuses the service and switches the domain to the new build', async () => {
    const changed = '<!doctype html><title>v2</title><h1>second deploy</h1>\n';
    writeFileSync(join(projectDir, 'assets/assets/index.html'), changed);
    const { stdout } = await twilioRun('deploy', '--output-format', 'json');
    const second = JSON.parse(stdout) as DeployOutput;
    expect(second.serviceSid).toBe(first.serviceSid);
    expect(second.environmentSid).toBe(first.environmentSid);
    expect(second.buildSid).not.toBe(first.buildSid);
    expect((await rest(`/v1/Services/${first.serviceSid}/Environments/${first.environmentSid}`)).build_sid).toBe(
      second.buildSid,
    );
    expect((await getFromDomain(server.port, first.domain, '/')).text).toBe(changed);
    expect((await getFromDomain(server.port, first.domain, '/style.css')).text).toBe(PROJECT_FILES['/style.css']);
    first = { ...first, buildSid: second.buildSid };
    builds.push(second.buildSid);
  });

  it('twilio-run logs prints the environment log, newest first', async () => {
    const { stdout } = await twilioRun('logs', '--environment', 'dev', '--output-format', 'json');
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { build_sid: string; message: string });
    const deploys = lines.filter((l) => l.message.startsWith('Deployed build'));
    expect(deploys.map((l) => l.build_sid)).toEqual([...builds].reverse());
    // Builds and version changes are in the environment's log too.
    expect(lines.map((l) => l.message)).toContainEqual(expect.stringMatching(`^Build ${builds[1]} completed`));
    expect(deploys[0]!.message).toBe(`Deployed build ${builds[1]} to ${first.domain}`);
  });

  it('twilio-run list shows the service, the environment on the live build, and what is deployed', async () => {
    const { stdout: services } = await twilioRun('list');
    expect(services).toMatch(new RegExp(`${first.serviceSid}\\s+cli-demo`));

    const { stdout } = await twilioRun('list', 'environments,builds,assets,functions');
    expect(stdout).toMatch(
      new RegExp(
        `${first.environmentSid}\\s+${first.buildSid}\\s+dev-environment\\s+${first.domain.replace(/\./g, '\\.')}\\s+dev`,
      ),
    );
    expect(stdout).toMatch(new RegExp(`${first.buildSid}\\s+completed`));
    for (const row of [
      '/config.json\\s+private',
      '/data.json\\s+protected',
      '/assets/index.html\\s+public',
      '/hold-music.mp3\\s+public',
      '/nested/deeper/file.txt\\s+public',
      '/style.css\\s+public',
      '/hello\\s+public',
    ]) {
      expect(stdout).toMatch(new RegExp(row));
    }
  });

  it('the same preload redirects the twilio helper library too', async () => {
    const script = [
      "const client = require('twilio')(process.env.SID, process.env.TOKEN);",
      'client.serverless.v1.services.list().then(',
      '  (list) => console.log(JSON.stringify(list.map((s) => s.uniqueName))),',
      '  (err) => { console.error(err); process.exit(1); });',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: { ...childEnv(), SID: server.accountSid, TOKEN: server.authToken },
      cwd: join(TWILIO_RUN_BIN, '../../../..'),
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual(['cli-demo']);
    expect(existsSync(REDIRECT_PRELOAD)).toBe(true);
  });
});
