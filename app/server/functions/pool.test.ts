import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildLayout } from './layout.ts';
import { BuildPool } from './pool.ts';

const root = mkdtempSync(join(tmpdir(), 'assets-studio-pool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A laid-out build of one function, written by hand (what functions/layout.ts makes from a build). */
function layout(): BuildLayout {
  mkdirSync(join(root, 'functions'), { recursive: true });
  const file = join(root, 'functions', 'hello.js');
  writeFileSync(file, `exports.handler = (context, event, callback) => callback(null, 'hello');\n`);
  writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}\n');
  return {
    buildSid: `ZB${'0'.repeat(32)}`,
    root,
    nodePath: [],
    functions: new Map([
      [
        '/hello',
        { sid: `ZH${'0'.repeat(32)}`, versionSid: `ZN${'0'.repeat(32)}`, path: '/hello', visibility: 'public', file },
      ],
    ]),
    privateAssets: new Map(),
  };
}

const invoke = (pool: BuildPool, id: string) =>
  pool.invoke(
    {
      id,
      file: pool.layout.functions.get('/hello')!.file,
      context: {},
      event: {},
      twilioApi: { kind: 'twilio' },
      secure: false,
    },
    () => undefined,
  );

describe('a retired pool', () => {
  it('still answers an invocation that reached it as it was retired, with a new process', async () => {
    const pool = new BuildPool(layout(), { timeoutMs: 10_000, idleMs: 60_000, memoryMb: 128 });
    await pool.warm();
    // A request that chose this build just before a deploy switched away from it: the pool is
    // retired (its idle process told to stop, not yet gone), then the invocation arrives.
    pool.retire();
    const outcome = await invoke(pool, 'RQ1');
    expect(outcome.kind).toBe('result');
    expect(outcome.kind === 'result' && outcome.result.status).toBe(200);
    // And once it has answered, the retired pool keeps no process.
    await expect.poll(() => pool.size, { timeout: 5000 }).toBe(0);
  });
});
