import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `uploadBytesSeen` over 12.5 MB of dead 64 KiB buffers in a fresh node with these flags; MB still counted. */
function arrayBuffersGrowth(nodeArgs: string[]): number {
  const script = `
    const { uploadBytesSeen } = await import('./app/server/store/reclaim.ts');
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 200; i++) uploadBytesSeen(Buffer.allocUnsafeSlow(64 * 1024).length);
    console.log((process.memoryUsage().arrayBuffers - before) / 1024 / 1024);
  `;
  const out = execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', script]);
  return Number(out.toString().trim());
}

describe('uploadBytesSeen', () => {
  it('collects after a few MB in a process started with --expose-gc (as main.ts starts its workers)', () => {
    // 12.5 MB went through; what is still counted is at most the last few MB plus noise.
    expect(arrayBuffersGrowth(['--expose-gc'])).toBeLessThan(8);
  });

  it('does nothing, and does not fail, in a process without it', () => {
    // Nothing collected: the dead buffers are all still counted (V8 frees them on its own schedule).
    expect(arrayBuffersGrowth([])).toBeGreaterThan(8);
  });
});
