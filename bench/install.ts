/**
 * Dependency install benchmark: how long a build's dependency list takes to install with an empty
 * npm cache, with a warm cache into a new data directory, and when a later build reuses the same
 * list. Needs the npm registry. A benchmark, not a test: it prints numbers and exits 0.
 *
 *   npx tsx bench/install.ts                  BENCH_DEPS='[{"name":"ms","version":"^2.1.3"}]'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, type Dependency } from '../app/server/functions/install.ts';

const lists: Dependency[][] = process.env.BENCH_DEPS
  ? [JSON.parse(process.env.BENCH_DEPS) as Dependency[]]
  : [
      [{ name: 'ms', version: '^2.1.3' }],
      [
        { name: 'lodash', version: '^4.17.21' },
        { name: 'axios', version: '^1.7.0' },
      ],
    ];

const scratch = mkdtempSync(join(tmpdir(), 'assets-studio-bench-install-'));
// An npm cache of our own, empty at first: the first install really downloads.
process.env.npm_config_cache = join(scratch, 'npm-cache');

async function timed(dataDir: string, list: Dependency[]): Promise<number> {
  const started = performance.now();
  await ensureDependencies(dataDir, list);
  return Math.round(performance.now() - started);
}

try {
  for (const list of lists) {
    const label = list.map((d) => `${d.name}@${d.version}`).join(' ');
    const cold = await timed(join(scratch, 'a'), list);
    const warmCache = await timed(join(scratch, 'b'), list);
    const reuse = await timed(join(scratch, 'b'), list);
    console.log(`${label}: empty npm cache ${cold} ms, warm npm cache ${warmCache} ms, same list again ${reuse} ms`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
