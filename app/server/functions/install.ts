import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Dependency {
  name: string;
  version: string;
}

/** Most dependencies one build may list (Twilio's limit). */
export const MAX_DEPENDENCIES = 100;

/**
 * Listed by every twilio-run project (it picks Twilio's runtime version), but here the runtime is
 * this server's own: recorded with the build, never installed (choice).
 */
const PROVIDED = new Set(['@twilio/runtime-handler']);

const INSTALL_TIMEOUT_MS = 5 * 60_000;
const LOCK_POLL_MS = 200;
/** A lock whose holder we cannot check (no pid yet) is taken over after this long. */
const STALE_LOCK_MS = INSTALL_TIMEOUT_MS + 60_000;

// npm's rules for a registry name: optional @scope/, then lower-case URL-safe characters.
const NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
// A semver range or a dist-tag. No ":" or "/": git URLs, tarballs, file: paths and npm: aliases
// are not public registry packages.
const VERSION = /^[A-Za-z0-9.^~<>=|*+\- ]+$/;

/** A failed install; the message names the package when npm says which one. */
export class InstallError extends Error {}

/** The server is closing: the install was cut short, the build stays "building" to resume later. */
export class InstallStopped extends Error {}

/** Why this dependency list cannot be built, or null: count, names, versions, duplicates. */
export function dependenciesProblem(dependencies: Dependency[]): string | null {
  if (dependencies.length > MAX_DEPENDENCIES) {
    return `The build lists ${dependencies.length} dependencies; at most ${MAX_DEPENDENCIES} are allowed`;
  }
  const seen = new Set<string>();
  for (const { name, version } of dependencies) {
    if (name.length > 214 || !NAME.test(name)) return `Dependency "${name}" is not a valid npm package name`;
    if (version.length > 256 || !VERSION.test(version) || version.trim() === '') {
      return `Dependency ${name} has version "${version}", which is not a version, range or tag of an npm registry package`;
    }
    if (seen.has(name)) return `Dependency ${name} is listed twice`;
    seen.add(name);
  }
  return null;
}

/** What npm must install for this list: sorted by name, without what the server provides. */
function installable(dependencies: Dependency[]): Dependency[] {
  return dependencies
    .filter((d) => !PROVIDED.has(d.name) && !(d.name === 'twilio' && d.version.trim() === serverTwilioVersion))
    .map(({ name, version }) => ({ name, version: version.trim() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The key of a list's install: identical lists (in any order) share one install. */
export function dependenciesKey(dependencies: Dependency[]): string {
  return createHash('sha256')
    .update(JSON.stringify(installable(dependencies)))
    .digest('hex');
}

/** The packages of this list npm still has to install in this data directory (none when installed or provided). */
export function pendingInstall(dataDir: string, dependencies: Dependency[]): Dependency[] {
  const list = installable(dependencies);
  return list.length > 0 && !existsSync(join(dataDir, 'deps', dependenciesKey(dependencies))) ? list : [];
}

/** The node_modules that holds the server's own `twilio` (real path, for Node's permission model). */
export const serverModules: string = dirname(
  dirname(realpathSync(createRequire(import.meta.url).resolve('twilio/package.json'))),
);

/**
 * The version of the server's own `twilio`. A list asking for exactly this version uses that copy
 * (no install): the editor's default list names it.
 */
export const serverTwilioVersion: string = (
  JSON.parse(readFileSync(join(serverModules, 'twilio', 'package.json'), 'utf8')) as { version: string }
).version;

const inFlight = new Map<string, Promise<string>>();
const npmRuns = new Map<string, Set<{ stop(): void }>>();

/** Data directories whose server is closing: no install may start there. */
const stopping = new Set<string>();

/**
 * Stops the npm installs for this data directory (the server is closing), and refuses new ones
 * until `settled` (the builds that were installing have given up) resolves.
 */
export async function stopInstalls(dataDir: string, settled: () => Promise<unknown>): Promise<void> {
  stopping.add(dataDir);
  try {
    for (const run of npmRuns.get(dataDir) ?? []) run.stop();
    await settled();
  } finally {
    stopping.delete(dataDir);
  }
}

const stopped = () => new InstallStopped('The server closed during the install');

/**
 * The directories a build with these dependencies puts on NODE_PATH, installing the list first
 * when no process has yet: DATA_DIR/deps/<key>/node_modules, then the server's own modules (its
 * `twilio`, used when the list does not ask for one). Throws InstallError when npm fails.
 */
export async function ensureDependencies(dataDir: string, dependencies: Dependency[]): Promise<string[]> {
  const list = installable(dependencies);
  if (list.length === 0) return [serverModules];
  const key = dependenciesKey(dependencies);
  const depsDir = join(dataDir, 'deps');
  let job = inFlight.get(join(depsDir, key));
  if (!job) {
    job = installOnce(dataDir, key, list).finally(() => inFlight.delete(join(depsDir, key)));
    inFlight.set(join(depsDir, key), job);
  }
  return [join(await job, 'node_modules'), serverModules];
}

/** Installs into a temp dir renamed to deps/<key>, under a lock file other server processes wait on. */
async function installOnce(dataDir: string, key: string, list: Dependency[]): Promise<string> {
  const depsDir = join(dataDir, 'deps');
  const final = join(depsDir, key);
  const lock = join(depsDir, `${key}.lock`);
  await mkdir(depsDir, { recursive: true });
  for (;;) {
    if (existsSync(final)) return final;
    if (stopping.has(dataDir)) throw stopped();
    if (!(await takeLock(lock))) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      continue;
    }
    try {
      if (existsSync(final)) return final;
      const tmp = join(depsDir, `.tmp-${randomBytes(8).toString('hex')}`);
      try {
        await npmInstall(dataDir, tmp, list);
        await rename(tmp, final);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
      return final;
    } finally {
      await rm(lock, { force: true });
    }
  }
}

/** Creates the lock file with our pid; false when another live process holds it. */
async function takeLock(lock: string): Promise<boolean> {
  try {
    const handle = await open(lock, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (await lockIsStale(lock)) await rm(lock, { force: true });
  return false;
}

async function lockIsStale(lock: string): Promise<boolean> {
  try {
    const pid = Number(await readFile(lock, 'utf8'));
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 0);
        return false;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'ESRCH';
      }
    }
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // gone already: the next round tries again
  }
}

async function npmInstall(dataDir: string, dir: string, list: Dependency[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(list.map((d) => [d.name, d.version]));
  // No "name": a root named like a dependency makes npm refuse to install it.
  await writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies }, null, 2));
  const args = [
    'install',
    '--prefix',
    dir,
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--omit=dev',
    '--loglevel=error',
  ];
  const [command, ...npmArgs] = npmCommand();
  const { code, output } = await run(dataDir, command!, [...npmArgs, ...args], dir);
  if (code !== 0) throw new InstallError(installFailure(output, list));
}

/** npm as shipped with the Node running the server (a service manager's PATH may lack it), else `npm`. */
function npmCommand(): string[] {
  const bundled = join(
    dirname(realpathSync(process.execPath)),
    '..',
    'lib',
    'node_modules',
    'npm',
    'bin',
    'npm-cli.js',
  );
  return existsSync(bundled) ? [process.execPath, bundled] : ['npm'];
}

function run(
  dataDir: string,
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    if (stopping.has(dataDir)) return reject(stopped());
    // Keep the user's npm settings (registry, cache, proxy) but not those of an `npm start` parent.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^npm_(lifecycle|package|command)/i.test(k)),
    );
    const child = spawn(command, args, {
      cwd,
      env: { ...env, npm_config_ignore_scripts: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\nnpm error code ETIMEDOUT\nnpm error install took longer than ${INSTALL_TIMEOUT_MS / 1000} s`;
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    let killed = false;
    const handle = {
      stop() {
        killed = true;
        child.kill('SIGKILL');
      },
    };
    const runs = npmRuns.get(dataDir) ?? new Set();
    npmRuns.set(dataDir, runs.add(handle));
    const done = () => {
      clearTimeout(timer);
      runs.delete(handle);
      if (runs.size === 0) npmRuns.delete(dataDir);
    };
    child.on('error', (err) => {
      done();
      reject(new InstallError(`Could not run npm to install dependencies: ${err.message}`));
    });
    child.on('close', (code) => {
      done();
      if (killed) reject(stopped());
      else resolve({ code, output });
    });
  });
}

/** A build failure reason from npm's error output, naming the package npm names. */
export function installFailure(output: string, list: Dependency[]): string {
  const notFound =
    /'((?:@[^@'/\s]+\/)?[^@'\s]+)@[^']*' is not in this registry/.exec(output) ??
    /404 Not Found - GET \S+\/((?:@[^/\s]+%2[fF])?[^/\s]+)(?:\s|$)/.exec(output);
  if (notFound?.[1]) {
    return `Dependency ${decodeURIComponent(notFound[1])} could not be installed: it is not in the npm registry`;
  }
  const noVersion = /No matching version found for ((?:@[^@\s/]+\/)?[^@\s]+)@(\S*?)\.?$/m.exec(output);
  if (noVersion?.[1]) {
    return `Dependency ${noVersion[1]} could not be installed: no published version matches "${noVersion[2]}"`;
  }
  const code = /npm (?:error|ERR!) code (\S+)/.exec(output)?.[1];
  const message = output
    .split('\n')
    .filter((line) => /^npm (?:error|ERR!)/.test(line))
    .map((line) => line.replace(/^npm (?:error|ERR!)\s*/, '').trim())
    .find((line) => line !== '' && !/^(code|syscall|errno|A complete log)\b/.test(line))
    ?.slice(0, 300);
  const named = list.filter((d) => output.includes(d.name)).map((d) => d.name);
  const which = named.length > 0 ? named.join(', ') : list.map((d) => d.name).join(', ');
  return `Dependencies could not be installed (${which})${code ? `: npm ${code}` : ''}${message ? `: ${message}` : ''}`;
}
