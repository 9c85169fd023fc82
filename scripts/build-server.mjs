// Bundles the server (app/server + app/shared) into dist/server with esbuild: npm packages stay
// external (node_modules is installed beside it), so the bundle holds only our code. The entry is
// split so that the cluster primary loads no more than it needs. The function processes' entry
// (functions-runner.js, beside main.js) is one self-contained file: under Node's permission model
// it may read nothing outside its build and the dependencies it is given.
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
    packages: 'external',
    // Chunks beside main.js: code in them finds functions-runner.js in its own folder.
    chunkNames: '[name]-[hash]',
  }),
  build({ ...common, entryPoints: { 'functions-runner': 'app/server/functions/runner.ts' } }),
]);
