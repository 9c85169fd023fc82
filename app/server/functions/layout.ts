import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Visibility } from '../../shared/visibility.ts';
import type { Ctx } from '../context.ts';
import type { BuildRow } from '../store/builds-repo.ts';
import type { VersionRow } from '../store/files-repo.ts';
import { dependenciesKey, ensureDependencies, type Dependency } from './install.ts';

export interface LaidOutFunction {
  /** The Function's sid (ZH…), as logs name it. */
  sid: string;
  /** The sid of the Function Version (ZN…) in the build. */
  versionSid: string;
  path: string;
  visibility: Visibility;
  /** Absolute path of the code (a .js file, read-only). */
  file: string;
}

export interface LaidOutAsset {
  path: string;
  /** Absolute path of the bytes (read-only). */
  file: string;
}

/**
 * A completed build on disk, for the runner: everything a function may read is under `root` or
 * one of `nodePath` (nothing else of the data directory). Immutable once laid out.
 */
export interface BuildLayout {
  buildSid: string;
  /** DATA_DIR/builds/<ZB…>: functions/<ZN…>.js, assets/<ZN…> (private assets only), package.json. */
  root: string;
  /** For NODE_PATH (and read access): the build's installed dependencies, then the server's modules. */
  nodePath: string[];
  /** Every function of the build by path ('/sms/reply'), private ones included. */
  functions: Map<string, LaidOutFunction>;
  /** The private assets by path ('/config.json'): what Runtime.getAssets() lists. */
  privateAssets: Map<string, LaidOutAsset>;
}

const laidOut = new Map<string, Promise<BuildLayout>>();

/**
 * The laid-out directory of a completed build, laying it out (and installing its dependencies)
 * when it is missing: a process may start after the build ran, or the directory may have been
 * removed. Safe across server processes: each lays out into a temp dir renamed into place.
 */
export async function buildLayout(ctx: Ctx, buildSid: string): Promise<BuildLayout> {
  const build = await ctx.store.builds.findBySid(buildSid);
  if (!build || build.status !== 'completed') throw new Error(`Build ${buildSid} is not a completed build`);
  return layOutBuild(ctx, build);
}

/**
 * Lays out a build whatever its status (the build itself calls this before it completes, with the
 * versions it has just read).
 */
export function layOutBuild(ctx: Ctx, build: BuildRow, versions?: readonly VersionRow[]): Promise<BuildLayout> {
  let job = laidOut.get(build.sid);
  if (!job) {
    job = layOut(ctx, build, versions);
    laidOut.set(build.sid, job);
    // A failure is not remembered, and a layout removed from disk is made again on the next call.
    job.catch(() => laidOut.delete(build.sid));
  }
  return job.then(async (layout) => {
    if (existsSync(layout.root) && layout.nodePath.every((dir) => existsSync(dir))) return layout;
    laidOut.delete(build.sid);
    // Removed since: lay it out again if the build still exists.
    const fresh = await ctx.store.builds.findBySid(build.sid);
    if (!fresh) throw new Error(`Build ${build.sid} no longer exists`);
    return layOutBuild(ctx, fresh);
  });
}

async function layOut(ctx: Ctx, build: BuildRow, known?: readonly VersionRow[]): Promise<BuildLayout> {
  const { dataDir } = ctx.config;
  const nodePath = await ensureDependencies(dataDir, JSON.parse(build.dependencies) as Dependency[]);
  const root = join(dataDir, 'builds', build.sid);
  const functions = new Map<string, LaidOutFunction>();
  const privateAssets = new Map<string, LaidOutAsset>();
  const copies: { sha256: string; to: string }[] = [];
  for (const version of known ?? (await ctx.store.builds.versions(build.sid))) {
    if (version.kind === 'function') {
      const name = join('functions', `${version.sid}.js`);
      functions.set(version.path, {
        sid: version.file_sid,
        versionSid: version.sid,
        path: version.path,
        visibility: version.visibility,
        file: join(root, name),
      });
      copies.push({ sha256: version.sha256, to: name });
    } else if (version.visibility === 'private') {
      const name = join('assets', version.sid);
      privateAssets.set(version.path, { path: version.path, file: join(root, name) });
      copies.push({ sha256: version.sha256, to: name });
    }
  }
  if (!existsSync(root)) await writeLayout(ctx, root, copies);
  return { buildSid: build.sid, root, nodePath, functions, privateAssets };
}

// Files are named by version sid, not by path (as on Twilio): any path maps to a safe, unique name.
// The bytes come from the content store (copied from disk, or fetched from S3 and hash-checked).
async function writeLayout(ctx: Ctx, root: string, copies: { sha256: string; to: string }[]): Promise<void> {
  const tmp = join(root, '..', `.tmp-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(join(tmp, 'functions'), { recursive: true });
    await mkdir(join(tmp, 'assets'), { recursive: true });
    // Function code is CommonJS whatever package.json lies above DATA_DIR (./data sits in an ESM package).
    await writeFile(join(tmp, 'package.json'), '{"type":"commonjs"}\n');
    for (const { sha256, to } of copies) {
      await ctx.store.blobs.copyToFile(sha256, join(tmp, to));
      await chmod(join(tmp, to), 0o444);
    }
    await chmod(join(tmp, 'package.json'), 0o444);
    for (const dir of ['functions', 'assets', '.']) await chmod(join(tmp, dir), 0o555);
    try {
      await rename(tmp, root);
    } catch (err) {
      // Another process renamed its identical layout into place first.
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(root)) throw err;
    }
  } finally {
    await removeTree(tmp);
  }
}

/**
 * Deletes what no build needs any more: layouts of deleted builds, installs of dependency lists no
 * build lists, and what an interrupted layout or install left (temp dirs, a dead process's lock).
 * Only at start, when no other server process is laying out or installing (like the blob tmp/ sweep).
 */
export async function sweepBuildFiles(ctx: Ctx): Promise<void> {
  const { dataDir } = ctx.config;
  const builds = await ctx.store.builds.all();
  const buildSids = new Set(builds.map((b) => b.sid));
  const keys = new Set(builds.map((b) => dependenciesKey(JSON.parse(b.dependencies) as Dependency[])));
  const buildsDir = join(dataDir, 'builds');
  const depsDir = join(dataDir, 'deps');
  for (const name of existsSync(buildsDir) ? await readdir(buildsDir) : []) {
    if (!buildSids.has(name)) await removeTree(join(buildsDir, name));
  }
  for (const name of existsSync(depsDir) ? await readdir(depsDir) : []) {
    if (!keys.has(name)) await removeTree(join(depsDir, name));
  }
}

/** Removes a build's layout (read-only directories included); the next buildLayout() makes it again. */
export async function removeLayout(ctx: Ctx, buildSid: string): Promise<void> {
  laidOut.delete(buildSid);
  await removeTree(join(ctx.config.dataDir, 'builds', buildSid));
}

async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const makeWritable = async (d: string) => {
    if (!(await stat(d)).isDirectory()) return;
    await chmod(d, 0o755);
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (entry.isDirectory()) await makeWritable(join(d, entry.name));
    }
  };
  await makeWritable(dir).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
