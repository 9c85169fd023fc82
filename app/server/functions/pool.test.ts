import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildPool } from './pool.ts';
import { helloLayout, invokeHello } from './test-layout.ts';

const root = mkdtempSync(join(tmpdir(), 'assets-studio-pool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a retired pool', () => {
  it('still answers an invocation that reached it as it was retired, with a new process', async () => {
    const pool = new BuildPool(
      helloLayout(root, `exports.handler = (context, event, callback) => callback(null, 'hello');\n`),
      { timeoutMs: 10_000, idleMs: 60_000, memoryMb: 128 },
    );
    await pool.warm();
    // A request that chose this build just before a deploy switched away from it: the pool is
    // retired (its idle process told to stop, not yet gone), then the invocation arrives.
    pool.retire();
    const outcome = await invokeHello(pool, 'RQ1');
    expect(outcome.kind).toBe('result');
    expect(outcome.kind === 'result' && outcome.result.status).toBe(200);
    // And once it has answered, the retired pool keeps no process.
    await expect.poll(() => pool.size, { timeout: 5000 }).toBe(0);
  });
});
