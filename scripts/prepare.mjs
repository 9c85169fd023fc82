// Makes a fresh clone runnable: installs npm packages when they are missing or stale, and builds
// the editor and the server when their sources are newer than the build. Plain Node, no dependencies, so that it can
// run before `npm install`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const mode = process.argv[2] ?? 'start';
const root = new URL('..', import.meta.url).pathname;
function run(command) {
  try {
    execSync(command, { cwd: root, stdio: 'inherit' });
  } catch {
    console.error(`\n\`${command}\` failed; see above.`);
    process.exit(1);
  }
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const installed = join(root, 'node_modules/.package-lock.json');
if (!existsSync(installed) || newest(join(root, 'package-lock.json')) > newest(installed)) {
  console.log('Installing npm packages (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

const built = join(root, 'dist/ui/index.html');
const sources = ['app/ui', 'app/shared', 'public', 'index.html', 'vite.config.ts'].map((p) => newest(join(root, p)));
if (!existsSync(built) || Math.max(...sources) > newest(built)) {
  console.log('Building the editor (vite build)…');
  run('npx vite build --logLevel warn');
}

const bundle = join(root, 'dist/server/main.js');
if (
  !existsSync(bundle) ||
  Math.max(newest(join(root, 'app/server')), newest(join(root, 'app/shared'))) > newest(bundle)
) {
  console.log('Building the server (esbuild)…');
  run('node scripts/build-server.mjs');
}

if (mode === 'test' && !existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error("The end-to-end tests need Debian's Chromium: run `apt-get install -y chromium` (as root).");
  process.exit(1);
}
