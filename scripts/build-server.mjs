// Bundles the server (app/server + app/shared) into dist/server with esbuild, npm packages included:
// resolving and loading hundreds of files from node_modules was most of a process's start-up
// (bench/startup.ts). Kept external, loaded from node_modules: better-sqlite3 (a native addon) and
// pino with thread-stream (their transports start worker files found next to their own sources).
// The entry is split so that the cluster primary loads no more than it needs. The function
// processes' entry (functions-runner.js, beside main.js) is one self-contained file: under Node's
// permission model it may read nothing outside its build and the dependencies it is given.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outdir = process.argv[2] ?? `${root}dist/server`;
const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'app/server/main.ts' },
    splitting: true,
    external: ['better-sqlite3', 'pino', 'thread-stream'],
    // Bundled CommonJS packages call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Chunks beside main.js: code in them finds functions-runner.js in its own folder.
    chunkNames: '[name]-[hash]',
  }),
  build({ ...common, entryPoints: { 'functions-runner': 'app/server/functions/runner.ts' } }),
]);
