// Bundles the server (app/server + app/shared) into dist/server with esbuild, npm packages included:
// resolving and loading hundreds of files from node_modules was most of a process's start-up
// (bench/startup.ts). Kept external, loaded from node_modules: better-sqlite3 (a native addon) and
// pino with thread-stream (their transports start worker files found next to their own sources).
// The entry is split so that the cluster primary loads no more than it needs.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outdir = process.argv[2] ?? `${root}dist/server`;

await build({
  absWorkingDir: root,
  entryPoints: { main: 'app/server/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'pino', 'thread-stream'],
  // Bundled CommonJS packages call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
