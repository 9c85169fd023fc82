import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunnerEntry {
  /** The script a function process runs. */
  file: string;
  /** Node options it needs besides the pool's own (permission flags, memory cap). */
  execArgv: string[];
}

const here = fileURLToPath(import.meta.url);
let cached: RunnerEntry | null = null;

/**
 * Where the function process's entry is. In the esbuild bundle it is `functions-runner.js` beside
 * the bundle file (a second entry point of the build). Under tsx (tests, `npm start`) runner.ts is
 * compiled once with esbuild to a plain .mjs in the temp dir: tsx's loader cannot run under Node's
 * permission model (its hooks need a worker thread and it reads package.json files outside the
 * directories a function may read), so the child runs plain JavaScript in both cases.
 */
export function runnerEntry(): RunnerEntry {
  if (cached) return cached;
  if (!here.endsWith('.ts')) {
    cached = { file: join(dirname(here), 'functions-runner.js'), execArgv: [] };
    return cached;
  }
  const dir = dirname(here);
  const sources = ['runner.ts', 'protocol.ts', 'twilio-response.ts'].map((name) => readFileSync(join(dir, name)));
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source);
  const file = join(tmpdir(), `assets-studio-functions-runner-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    // esbuild is a dev dependency: only loaded here, never in the bundle.
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const tmp = `${file}.${process.pid}.tmp`;
    esbuild.buildSync({
      entryPoints: [join(dir, 'runner.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
    });
    renameSync(tmp, file);
  }
  cached = { file, execArgv: [] };
  return cached;
}
