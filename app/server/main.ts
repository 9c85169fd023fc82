import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from './config.ts';
import { loadServer } from './load-server.ts';
import { isSiteApplied, isSiteChanged, SITE_SYNC_TIMEOUT_MS, type SiteSynced } from './messages.ts';
import { sweepTmp } from './store/blobs.ts';

function banner(config: Config & { credentialsGenerated: boolean }, signInToken: string): string {
  const editor = process.env.EDITOR_ORIGIN ?? `http://localhost:${config.port}`;
  const token = config.credentialsGenerated
    ? `\n  Auth Token:   ${config.authToken}  (new; saved in ${config.dataDir}/credentials.json)`
    : '';
  return `
  Assets Studio is running (${config.workers} ${config.workers === 1 ? 'process' : 'processes'}).

  Editor:       ${editor}/
  Sign in:      ${editor}/auth/sign-in?token=${signInToken}
  API:          http://localhost:${config.port}/v1  (HTTP Basic: Account SID + Auth Token)
  Account SID:  ${config.accountSid}${token}
  Environments: http://<service>-<digits>[-<suffix>].${config.domainBase}/
  Data:         ${config.dataDir}
`;
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
  // gc() for store/reclaim.ts, given as a flag (setting V8 flags once a process runs is undefined).
  if (!process.execArgv.includes('--expose-gc'))
    cluster.setupPrimary({ execArgv: [...process.execArgv, '--expose-gc'] });
  const fork = () => cluster.fork({ ASSETS_STUDIO_SIGN_IN_TOKEN: signInToken });
  // A site change made by one process, waiting for the others to apply it (see messages.ts).
  const syncing = new Map<string, { pending: Set<number>; done: () => void }>();
  const settle = (key: string, worker: number) => {
    const sync = syncing.get(key);
    if (sync?.pending.delete(worker) && sync.pending.size === 0) sync.done();
  };
  cluster.on('message', (from, message) => {
    if (isSiteApplied(message)) {
      settle(`${message.origin}:${message.id}`, from.id);
      return;
    }
    if (!isSiteChanged(message)) return;
    const others = Object.values(cluster.workers ?? {}).filter(
      (w): w is NonNullable<typeof w> => w !== undefined && w !== from,
    );
    const key = `${from.id}:${message.id}`;
    const done = () => {
      clearTimeout(timer);
      syncing.delete(key);
      if (from.isConnected()) from.send({ type: 'site-synced', id: message.id } satisfies SiteSynced);
    };
    const timer = setTimeout(done, SITE_SYNC_TIMEOUT_MS);
    syncing.set(key, { pending: new Set(others.map((w) => w.id)), done });
    if (others.length === 0) done();
    for (const worker of others) worker.send({ ...message, origin: from.id });
  });
  cluster.on('listening', () => {
    if (++listening === config.workers) console.log(banner(config, signInToken));
  });
  cluster.on('exit', (worker, code, signal) => {
    // A process that died applies nothing: no change waits for it.
    for (const key of [...syncing.keys()]) settle(key, worker.id);
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
  // Loaded only here: the cluster primary relays messages and needs none of the app.
  const server = await loadServer(config.dataDir);
  await server.serve(config, signInToken);
  server.started();
  if (cluster.isPrimary) console.log(banner(config, signInToken));
}
