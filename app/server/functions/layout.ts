import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Visibility } from '../../shared/visibility.ts';
import type { Ctx } from '../context.ts';

// Interim version (branch `fn`) of the interface the `deps` branch owns; replaced by its version on merge.

export interface BuildLayout {
  buildSid: string;
  root: string;
  nodePath: string[];
  functions: Map<string, { sid: string; path: string; visibility: Visibility; file: string }>;
  privateAssets: Map<string, { path: string; file: string }>;
}

/** The server's own node_modules, real path (the permission model checks resolved paths). */
const serverModules = () => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'node_modules', 'twilio'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('node_modules with twilio not found above the server');
    dir = up;
  }
  return join(dir, 'node_modules');
};

function inside(root: string, sub: string, path: string): string {
  const file = resolve(root, sub, `.${path}`);
  if (!file.startsWith(join(root, sub) + sep)) throw new Error(`Path ${path} leaves the build directory`);
  return file;
}

function readOnly(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readOnly(p);
    else chmodSync(p, 0o444);
  }
  chmodSync(dir, 0o555);
}

/** The laid-out, read-only directory of a completed build, laid out on the first call. */
export async function buildLayout(ctx: Ctx, buildSid: string): Promise<BuildLayout> {
  const base = join(ctx.config.dataDir, 'builds');
  const root = join(base, buildSid);
  const versions = ctx.store.builds.versions(buildSid);
  const functions: BuildLayout['functions'] = new Map();
  const privateAssets: BuildLayout['privateAssets'] = new Map();
  for (const v of versions) {
    if (v.kind === 'function') {
      const file = inside(root, 'functions', v.path.endsWith('.js') ? v.path : `${v.path}.js`);
      functions.set(v.path, { sid: v.file_sid, path: v.path, visibility: v.visibility, file });
    } else if (v.visibility === 'private') {
      privateAssets.set(v.path, { path: v.path, file: inside(root, 'assets', v.path) });
    }
  }
  if (!existsSync(root)) {
    const tmp = join(base, `.tmp-${buildSid}-${randomBytes(4).toString('hex')}`);
    for (const v of versions) {
      if (v.kind === 'asset' && v.visibility !== 'private') continue;
      const target = (v.kind === 'function' ? functions.get(v.path) : privateAssets.get(v.path))!.file;
      const file = join(tmp, target.slice(root.length));
      mkdirSync(dirname(file), { recursive: true });
      copyFileSync(ctx.store.blobs.pathOf(v.sha256), file);
    }
    mkdirSync(tmp, { recursive: true });
    readOnly(tmp);
    try {
      renameSync(tmp, root);
    } catch {
      // Another process laid it out first: keep theirs.
      chmodSync(tmp, 0o755);
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { buildSid, root, nodePath: [serverModules()], functions, privateAssets };
}
