import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import {
  dependenciesProblem,
  InstallError,
  InstallStopped,
  pendingInstall,
  stopInstalls,
  type Dependency,
} from '../functions/install.ts';
import { layOutBuild } from '../functions/layout.ts';
import type { BuildRow } from '../store/builds-repo.ts';
import type { VersionRow } from '../store/files-repo.ts';
import { buildProblem } from './validate.ts';

const running = new Map<string, { dataDir: string; owner: string; job: Promise<void> }>();

/** How often an instance says it still runs its builds, and how long before silence means it died. */
const HEARTBEAT_MS = 2000;
const LEASE_MS = 10_000;

/** Each server instance (each buildApp) runs builds under a name of its own. */
const owners = new WeakMap<Ctx, string>();
const ownerOf = (ctx: Ctx) => {
  let owner = owners.get(ctx);
  if (!owner) owners.set(ctx, (owner = `${process.pid}-${randomBytes(6).toString('hex')}`));
  return owner;
};

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tells every environment of the service how a build ended (failures say which asset broke which rule). */
export async function logBuild(
  ctx: Ctx,
  serviceSid: string,
  buildSid: string,
  problem: string | null,
  versions: readonly VersionRow[],
) {
  const assets = versions.filter((v) => v.kind === 'asset').length;
  await ctx.store.logs.addForService({
    service_sid: serviceSid,
    build_sid: buildSid,
    deployment_sid: null,
    function_sid: null,
    level: problem ? 'error' : 'info',
    message: problem
      ? `Build ${buildSid} failed: ${problem}`
      : `Build ${buildSid} completed: ${count(assets, 'asset')}, ${count(versions.length - assets, 'function')}`,
  });
}

/**
 * Runs a build created in status "building": validates it, installs its dependencies and lays its
 * files out, then marks it completed, or failed with the reason. Only one instance runs a build: it
 * claims it first, and another instance takes over if this one stops saying it is running it.
 * `force` claims it whoever had it (at start, when no other process can be running builds).
 */
export function runBuild(
  ctx: Ctx,
  buildSid: string,
  /** `versions`: the build's versions in build order, when the caller has just read them (POST Builds). */
  { force = false, versions: known }: { force?: boolean; versions?: readonly VersionRow[] } = {},
): Promise<void> {
  let job = running.get(buildSid)?.job;
  if (!job) {
    const owner = ownerOf(ctx);
    job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const now = Date.now();
        if (!(await ctx.store.builds.claim(buildSid, owner, now, force ? Infinity : now - LEASE_MS))) return;
        const build = await ctx.store.builds.findBySid(buildSid);
        if (!build || build.status !== 'building') return;
        const versions = known ?? (await ctx.store.builds.versions(buildSid));
        const problem = buildProblem(versions) ?? dependenciesProblem(JSON.parse(build.dependencies) as Dependency[]);
        const fail = async (reason: string) => {
          await ctx.store.builds.finish(buildSid, 'failed', reason);
          await logBuild(ctx, build.service_sid, buildSid, reason, versions);
        };
        if (problem) return fail(problem);
        const pending = pendingInstall(ctx.config.dataDir, JSON.parse(build.dependencies) as Dependency[]);
        if (pending.length > 0) {
          await ctx.store.logs.addForService({
            service_sid: build.service_sid,
            build_sid: buildSid,
            deployment_sid: null,
            function_sid: null,
            level: 'info',
            message: `Build ${buildSid}: installing ${pending.length === 1 ? 'dependency' : 'dependencies'} ${pending
              .map((d) => `${d.name}@${d.version}`)
              .join(', ')}`,
          });
        }
        try {
          await layOutBuild(ctx, build, versions);
        } catch (err) {
          if (err instanceof InstallStopped) return;
          if (!(err instanceof InstallError)) throw err;
          return fail(err.message);
        }
        await ctx.store.builds.finish(buildSid, 'completed', null);
        await logBuild(ctx, build.service_sid, buildSid, null, versions);
      })
      .catch(async (err: unknown) => {
        console.error(`build ${buildSid} failed unexpectedly`, err);
        await ctx.store.builds.finish(buildSid, 'failed', 'Internal error while building').catch(() => undefined);
      })
      .finally(() => running.delete(buildSid));
    running.set(buildSid, { dataDir: ctx.config.dataDir, owner, job });
  }
  return job;
}

/**
 * The build once it has left "building" (running it if nothing is, else waiting for the instance
 * that runs it), or undefined if unknown.
 */
export async function whenBuilt(ctx: Ctx, buildSid: string): Promise<BuildRow | undefined> {
  for (;;) {
    const build = await ctx.store.builds.findBySid(buildSid);
    if (build?.status !== 'building') return build;
    await runBuild(ctx, buildSid);
    const after = await ctx.store.builds.findBySid(buildSid);
    if (after?.status !== 'building') return after;
    // Another instance has it.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops this server's builds before it closes; those cut short stay "building" for resumeBuilds. */
export async function stopBuilds(ctx: Ctx): Promise<void> {
  const { dataDir } = ctx.config;
  await stopInstalls(dataDir, () =>
    Promise.all([...running.values()].filter((r) => r.dataDir === dataDir).map((r) => r.job)),
  );
}

/**
 * Finishes builds a previous process left in "building" (it stopped half-way): at once with
 * `force` (no other process can be running them), else those whose instance went quiet. Then keeps
 * saying which builds this instance runs, and takes over those of instances that stop saying so.
 * Returns what stops that.
 */
export function resumeBuilds(ctx: Ctx, { force = false } = {}): () => void {
  const owner = ownerOf(ctx);
  const takeOver = async (all: boolean) => {
    const builds = all ? await ctx.store.builds.building() : await ctx.store.builds.orphaned(Date.now() - LEASE_MS);
    for (const build of builds) void runBuild(ctx, build.sid, { force: all });
  };
  const report = (err: unknown) => console.error('could not check on builds', err);
  void takeOver(force).catch(report);
  const timer = setInterval(() => {
    const mine = [...running.entries()].filter(([, r]) => r.owner === owner).map(([sid]) => sid);
    void ctx.store.builds
      .heartbeat(mine, owner, Date.now())
      .then(() => takeOver(false))
      .catch(report);
  }, HEARTBEAT_MS).unref();
  return () => clearInterval(timer);
}
