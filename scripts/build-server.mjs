// Bundles the server (app/server + app/shared) into dist/server with esbuild, npm packages included:
// resolving and loading hundreds of files from node_modules was most of a process's start-up
// (bench/startup.ts). Kept external, loaded from node_modules: better-sqlite3 (a native addon) and
// pino with thread-stream (their transports start worker files found next to their own sources).
//
// dist/server holds:
// - main.js: the entry (ESM). The cluster primary runs only it: it relays and loads none of the app.
// - server.cjs: the app, one CommonJS file that a serving process runs through V8's code cache
//   (app/server/code-cache.ts; Node 20 caches no compiled code for modules, ESM or CommonJS). main.ts
//   imports load-server.ts, which this build replaces with load-server-bundle.ts.
// - vendor-pg.cjs, vendor-s3.cjs: pg and the AWS SDK, loaded by server.cjs only when PostgreSQL or
//   S3 is configured, so that the other servers never read them.
// - functions-runner.js: the function processes' entry, one self-contained file: under Node's
//   permission model it may read nothing outside its build and the dependencies it is given.
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

/** Packages that server.cjs loads from a file of their own beside it (see above). */
const VENDOR = {
  pg: 'vendor-pg.cjs',
  '@aws-sdk/client-s3': 'vendor-s3.cjs',
  '@aws-sdk/lib-storage': 'vendor-s3.cjs',
};
const vendorFiles = {
  name: 'vendor-files',
  setup(b) {
    b.onResolve({ filter: /^(pg|@aws-sdk\/client-s3|@aws-sdk\/lib-storage)$/ }, (args) => ({
      path: `./${VENDOR[args.path]}`,
      external: true,
    }));
  },
};

/**
 * Fastify's server module loads https, http2 and dns as it starts (with tls, about a dozen of
 * Node's modules to compile), for options the app never sets (it gives its own http server) and
 * for listening on "localhost". Here they load on first use instead.
 */
const lazyFastifyBuiltins = {
  name: 'lazy-fastify-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(https|http2|dns)$/ }, (args) =>
      args.importer.endsWith('/node_modules/fastify/lib/server.js')
        ? { path: args.path, namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
    }));
  },
};

/** main.ts loads the app through the code cache in the bundle (see above). */
const bundledLoader = {
  name: 'bundled-loader',
  setup(b) {
    b.onResolve({ filter: /^\.\/load-server\.ts$/ }, (args) => ({
      path: join(args.resolveDir, 'load-server-bundle.ts'),
    }));
  },
};

const external = [
  'better-sqlite3',
  'pino',
  'thread-stream',
  // Fastify's default schema compilers and its inject() (light-my-request) are never loaded: the
  // app gives its own compilers (app.ts) and only tests inject. Left out of the bundle, they are
  // not parsed at start; were they ever needed, they load from node_modules.
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'light-my-request',
];

/** CommonJS output that keeps `import.meta.url` (the file's own URL) working in the bundled sources. */
const commonJs = {
  format: 'cjs',
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // import() becomes require(): the code cache runs the file as a script, which cannot import().
  supported: { 'dynamic-import': false },
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'app/server/main.ts' },
    plugins: [bundledLoader],
  }),
  build({
    ...common,
    ...commonJs,
    entryPoints: { server: 'app/server/server.ts' },
    outExtension: { '.js': '.cjs' },
    external,
    plugins: [englishOnlyZod, vendorFiles, lazyFastifyBuiltins],
  }),
  build({
    ...common,
    ...commonJs,
    stdin: { contents: "module.exports = require('pg');", resolveDir: root, sourcefile: 'vendor-pg.cjs' },
    outfile: join(outdir, 'vendor-pg.cjs'),
    outdir: undefined,
  }),
  build({
    ...common,
    ...commonJs,
    stdin: {
      contents: "module.exports = { ...require('@aws-sdk/client-s3'), ...require('@aws-sdk/lib-storage') };",
      resolveDir: root,
      sourcefile: 'vendor-s3.cjs',
    },
    outfile: join(outdir, 'vendor-s3.cjs'),
    outdir: undefined,
  }),
  build({ ...common, entryPoints: { 'functions-runner': 'app/server/functions/runner.ts' } }),
]);
