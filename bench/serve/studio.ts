import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForHttp } from './wait.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles the server from the current sources, so that what is measured is what ships. */
export function buildServer(): void {
  const result = spawnSync(process.execPath, [join(REPO, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the server failed');
}

export interface Studio {
  child: ChildProcess;
  origin: string;
  authorization: string;
  accountSid: string;
  /** The Auth Token, to sign requests for protected assets. */
  authToken: string;
}

/**
 * The real server as it ships (the bundle in dist/server) in its own process, so that it does not share an event
 * loop with the benchmark, with known credentials and request logs off.
 */
export async function startStudio(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  /** Node options for the process, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs: string[] = [],
): Promise<Studio> {
  // Instances of one installation share credentials: given in env, else new ones.
  const accountSid = env.TWILIO_ACCOUNT_SID ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = env.TWILIO_AUTH_TOKEN ?? randomBytes(16).toString('hex');
  buildServer();
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, join(REPO, 'dist/server/main.js')], {
    cwd: REPO,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      LOG: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/v1/Services`, child);
  } catch (err) {
    throw new Error(`the server did not start: ${(err as Error).message}\n${stderr}`);
  }
  return {
    child,
    origin,
    authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    accountSid,
    authToken,
  };
}

export async function call(
  studio: Studio,
  method: string,
  path: string,
  body?: URLSearchParams | FormData,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${studio.origin}${path}`, {
    method,
    body,
    headers: { Authorization: studio.authorization },
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

export function sid(json: Record<string, unknown>): string {
  return String(json.sid);
}

/**
 * Uploads `files` as assets at /<file name> through the API (public unless listed in
 * `protectedFiles`), builds and deploys them, and returns the environment's domain name.
 */
export async function deployFiles(studio: Studio, files: string[], protectedFiles: string[] = []): Promise<string> {
  const name = `bench-${randomBytes(3).toString('hex')}`;
  const service = sid(
    await call(studio, 'POST', '/v1/Services', new URLSearchParams({ UniqueName: name, FriendlyName: name })),
  );
  const environment = await call(
    studio,
    'POST',
    `/v1/Services/${service}/Environments`,
    new URLSearchParams({ UniqueName: 'bench' }),
  );
  const versions: string[] = [];
  for (const file of [...files, ...protectedFiles.filter((f) => !files.includes(f))]) {
    const asset = sid(
      await call(
        studio,
        'POST',
        `/v1/Services/${service}/Assets`,
        new URLSearchParams({ FriendlyName: basename(file) }),
      ),
    );
    const form = new FormData();
    form.append('Path', `/${basename(file)}`);
    form.append('Visibility', protectedFiles.includes(file) ? 'protected' : 'public');
    form.append('Content', new Blob([readFileSync(file)]), basename(file));
    versions.push(sid(await call(studio, 'POST', `/v1/Services/${service}/Assets/${asset}/Versions`, form)));
  }
  const build = sid(
    await call(
      studio,
      'POST',
      `/v1/Services/${service}/Builds`,
      new URLSearchParams(versions.map((v) => ['AssetVersions', v])),
    ),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status } = await call(studio, 'GET', `/v1/Services/${service}/Builds/${build}/Status`);
    if (status === 'completed') break;
    if (status === 'failed' || Date.now() > deadline) throw new Error(`build ${build} ended ${String(status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await call(
    studio,
    'POST',
    `/v1/Services/${service}/Environments/${sid(environment)}/Deployments`,
    new URLSearchParams({ BuildSid: build }),
  );
  return String(environment.domain_name);
}
