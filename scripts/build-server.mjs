// Bundles the server (app/server + app/shared) into dist/server with esbuild: npm packages stay
// external (node_modules is installed beside it), so the bundle holds only our code. The entry is
// split so that the cluster primary loads no more than it needs.
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
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
