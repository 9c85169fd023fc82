import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from './code-cache.ts';

type ServerModule = typeof import('./server.ts');

/** How long after listening the code cache is written: the first requests' code is in it too. */
const SAVE_AFTER_MS = 1000;

/**
 * In the bundle (dist/server), in place of load-server.ts: server.cjs, the app as one CommonJS
 * file, run through V8's code cache (code-cache.ts; the cache is written by the first start after
 * a build, beside the bundle or else in the data directory).
 */
export function loadServer(dataDir: string): Promise<{ serve: ServerModule['serve']; started(): void }> {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'server.cjs');
  const loaded = loadWithCodeCache<ServerModule>(file, join(dataDir, 'cache'));
  return Promise.resolve({
    serve: loaded.exports.serve,
    started: () => void setTimeout(() => loaded.save(), SAVE_AFTER_MS).unref(),
  });
}
