import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { isSiteChanged, isSiteSynced, SITE_SYNC_TIMEOUT_MS, type SiteApplied, type SiteChanged } from './messages.ts';
import type { SiteIndex } from './runtime/sites.ts';

/** One server process: the whole app, listening; in a cluster, tells the others of site changes. */
export async function serve(config: Config, signInToken: string): Promise<void> {
  let sites: SiteIndex | null = null;
  /** Changes made here that wait for the other processes to apply them, by id. */
  const waiting = new Map<number, () => void>();
  let lastId = 0;
  if (cluster.isWorker) {
    process.on('message', (message) => {
      if (isSiteSynced(message)) {
        waiting.get(message.id)?.();
      } else if (isSiteChanged(message) && message.origin !== undefined) {
        // Another process changed an environment: catch up now rather than at the timer's next
        // tick (see SiteIndex.catchUp), then say so. A process still starting has no index yet:
        // it reads everything committed before it serves.
        const applied = { type: 'site-applied', id: message.id, origin: message.origin } satisfies SiteApplied;
        void (sites?.catchUpSinceNow() ?? Promise.resolve())
          .catch((err: unknown) => console.error('could not apply a site change', err))
          .finally(() => process.send?.(applied));
      }
    });
  }
  // Workers leave tmp/ alone: another process may be writing there; the primary swept it.
  const { app, ctx } = await buildApp(config, { signInToken, sweepTmp: !cluster.isWorker });
  // For tests: widens the window between reading the sites and serving (a slow start).
  const delay = Number(process.env.TEST_START_DELAY_MS ?? 0);
  if (delay > 0) {
    console.log(`test: process ${process.pid} has read the sites`);
    await sleep(delay);
  }
  sites = ctx.sites;
  await sites.catchUp();
  if (cluster.isWorker) {
    ctx.sites.onChange = (environmentSid) =>
      new Promise<void>((resolve) => {
        const id = ++lastId;
        const done = () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve();
        };
        // The primary answers within its own timeout; this one covers a primary that is gone.
        const timer = setTimeout(done, SITE_SYNC_TIMEOUT_MS + 500);
        waiting.set(id, done);
        process.send?.({ type: 'site-changed', environmentSid, id } satisfies SiteChanged);
      });
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${config.port} on ${config.host} is in use: stop what is using it, or choose another with PORT.`
        : `Could not listen on ${config.host}:${config.port}: ${(err as Error).message}`,
    );
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void app.close().then(() => process.exit(0)));
  }
}
