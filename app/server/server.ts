import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { isSiteChanged, type SiteChanged } from './messages.ts';
import type { SiteIndex } from './runtime/sites.ts';

/** One server process: the whole app, listening; in a cluster, tells the others of site changes. */
export async function serve(config: Config, signInToken: string): Promise<void> {
  let sites: SiteIndex | null = null;
  if (cluster.isWorker) {
    // A nudge to catch up at once rather than at the next tick of the timer (see SiteIndex.catchUp).
    process.on('message', (message) => {
      if (isSiteChanged(message)) void sites?.catchUp();
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
      process.send?.({ type: 'site-changed', environmentSid } satisfies SiteChanged);
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
