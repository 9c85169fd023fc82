import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { isSiteChanged, type SiteChanged } from './messages.ts';

/** One server process: the whole app, listening; in a cluster, relays site changes through the primary. */
export async function serve(config: Config, signInToken: string): Promise<void> {
  // Workers leave tmp/ alone: another process may be writing there; the primary swept it.
  const { app, ctx } = await buildApp(config, { signInToken, sweepTmp: !cluster.isWorker });
  if (cluster.isWorker) {
    // Every process keeps its own in-memory site index; a deploy made in one reloads it in all.
    ctx.sites.onChange = (environmentSid) =>
      process.send?.({ type: 'site-changed', environmentSid } satisfies SiteChanged);
    process.on('message', (message) => {
      if (isSiteChanged(message)) ctx.sites.reload(message.environmentSid);
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
