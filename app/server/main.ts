import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { sweepTmp } from './store/blobs.ts';

/** Tells other processes that an environment's site changed (deploy, delete). */
interface SiteChanged {
  type: 'site-changed';
  environmentSid: string;
}

const isSiteChanged = (message: unknown): message is SiteChanged =>
  typeof message === 'object' && message !== null && (message as SiteChanged).type === 'site-changed';

function banner(config: Config & { credentialsGenerated: boolean }, signInToken: string): string {
  const editor = `http://localhost:${config.port}`;
  const token = config.credentialsGenerated
    ? `\n  Auth Token:   ${config.authToken}  (new; saved in ${config.dataDir}/credentials.json)`
    : '';
  return `
  Assets Studio is running (${config.workers} ${config.workers === 1 ? 'process' : 'processes'}).

  Editor:       ${editor}/
  Sign in:      ${editor}/auth/sign-in?token=${signInToken}
  API:          ${editor}/v1  (HTTP Basic: Account SID + Auth Token)
  Account SID:  ${config.accountSid}${token}
  Environments: http://<service>-<digits>[-<suffix>].${config.domainBase}/
  Data:         ${config.dataDir}
`;
}

async function serve(config: Config, signInToken: string) {
  // Workers leave tmp/ alone: another process may be writing there; the primary swept it.
  const { app, ctx } = await buildApp(config, { signInToken, sweepTmp: !cluster.isWorker });
  if (cluster.isWorker) {
    // Every process keeps its own in-memory site index; a deploy made in one reloads it in all.
    ctx.sites.onChange = (environmentSid) =>
      process.send?.({ type: 'site-changed', environmentSid } satisfies SiteChanged);
    process.on('message', (message) => {
      if (!isSiteChanged(message)) return;
      // Warm the environment's new build here too before switching this process's index to it.
      const buildSid = ctx.store.environments.findBySid(message.environmentSid)?.build_sid;
      void (buildSid ? ctx.functions.prepare(buildSid) : Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          ctx.sites.reload(message.environmentSid);
          ctx.functions.sweep();
        });
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

const config = loadConfig();

if (config.workers > 1 && cluster.isPrimary) {
  // Environment domains are served by every process (one per core by default); the primary only
  // relays site changes and replaces a process that dies.
  const signInToken = randomBytes(24).toString('base64url');
  sweepTmp(config.dataDir);
  let stopping = false;
  let listening = 0;
  const restarts: number[] = [];
  const stopAll = (code: number) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(code);
  };
  const fork = () => cluster.fork({ ASSETS_STUDIO_SIGN_IN_TOKEN: signInToken });
  cluster.on('message', (from, message) => {
    if (!isSiteChanged(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from) worker.send(message);
  });
  cluster.on('listening', () => {
    if (++listening === config.workers) console.log(banner(config, signInToken));
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A process that dies before all are listening will die again: stop instead of looping.
    if (listening < config.workers) {
      console.error('A server process could not start (see above); stopping.');
      stopAll(1);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > 5) {
      console.error('Server processes keep stopping (more than 5 in a minute); stopping.');
      stopAll(1);
      return;
    }
    console.error(`Server process ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      cluster.disconnect(() => process.exit(0));
    });
  }
} else {
  const signInToken = process.env.ASSETS_STUDIO_SIGN_IN_TOKEN ?? randomBytes(24).toString('base64url');
  await serve(config, signInToken);
  if (cluster.isPrimary) console.log(banner(config, signInToken));
}
