// Bundles the server (app/server + app/shared) into dist/server with esbuild, npm packages included:
// resolving and loading hundreds of files from node_modules was most of a process's start-up
// (bench/startup.ts). Kept external, loaded from node_modules: better-sqlite3 (a native addon) and
// pino with thread-stream (their transports start worker files found next to their own sources).
// The entry is split so that the cluster primary loads no more than it needs. The function
// processes' entry (functions-runner.js, beside main.js) is one self-contained file: under Node's
// permission model it may read nothing outside its build and the dependencies it is given.
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/**
 * zod re-exports every language's error messages (`z.locales`, ~360 KB of the bundle, parsed by
 * every process at start); the server uses only English, which zod configures itself.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: join(dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

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
  // Less text for every process to read and parse at start (names are kept: stack traces stay
  // readable, and the source map maps them back).
  minifyWhitespace: true,
  minifySyntax: true,
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'app/server/main.ts' },
    splitting: true,
    // Fastify's default schema compilers and its inject() (light-my-request) are never loaded: the
    // app gives its own compilers (app.ts) and only tests inject. Left out of the bundle, they are
    // not parsed at start; were they ever needed, they load from node_modules.
    external: [
      'better-sqlite3',
      'pino',
      'thread-stream',
      '@fastify/ajv-compiler',
      '@fastify/fast-json-stringify-compiler',
      'light-my-request',
    ],
    plugins: [englishOnlyZod],
    // Bundled CommonJS packages call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Chunks beside main.js: code in them finds functions-runner.js in its own folder.
    chunkNames: '[name]-[hash]',
  }),
  build({ ...common, entryPoints: { 'functions-runner': 'app/server/functions/runner.ts' } }),
]);
