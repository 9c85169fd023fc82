import type { Ctx } from '../context.ts';
import { buildLayout } from './layout.ts';
import { BuildPool } from './pool.ts';

/**
 * The function pools of this server process, one per deployed build, and the per-service count of
 * invocations in flight. Pools are made on first use (or warmed by a deploy before it switches) and
 * retired once no environment in this process serves their build any more.
 */
export class FunctionsRuntime {
  private readonly pools = new Map<string, Promise<BuildPool>>();
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly ctx: Ctx) {}

  pool(buildSid: string): Promise<BuildPool> {
    let pool = this.pools.get(buildSid);
    if (!pool) {
      const { timeoutMs, idleMs, memoryMb } = this.ctx.config.functions;
      pool = buildLayout(this.ctx, buildSid).then((layout) => new BuildPool(layout, { timeoutMs, idleMs, memoryMb }));
      pool.catch(() => this.pools.delete(buildSid));
      this.pools.set(buildSid, pool);
    }
    return pool;
  }

  /** Lays the build out and starts one warm process if it has functions (before a deploy switches to it). */
  async prepare(buildSid: string): Promise<void> {
    const pool = await this.pool(buildSid);
    if (pool.layout.functions.size > 0) await pool.warm();
  }

  /** Retires the pools of builds no environment in this process serves (after a switch). */
  sweep(): void {
    const live = this.ctx.sites.liveBuilds();
    for (const [buildSid, pool] of this.pools) {
      if (live.has(buildSid)) continue;
      this.pools.delete(buildSid);
      pool.then(
        (p) => p.retire(),
        () => undefined,
      );
    }
  }

  /** Counts an invocation in for its service; false when the service is at its limit (429). */
  enter(serviceSid: string): boolean {
    const n = this.inFlight.get(serviceSid) ?? 0;
    if (n >= this.ctx.config.functions.concurrency) return false;
    this.inFlight.set(serviceSid, n + 1);
    return true;
  }

  leave(serviceSid: string): void {
    const n = (this.inFlight.get(serviceSid) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(serviceSid);
    else this.inFlight.set(serviceSid, n);
  }

  /** Stops every function process (the server is closing). */
  close(): void {
    for (const pool of this.pools.values()) {
      pool.then(
        (p) => p.retire(),
        () => undefined,
      );
    }
    this.pools.clear();
  }
}
