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

const running = new Map<string, { dataDir: string; job: Promise<void> }>();

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tells every environment of the service how a build ended (failures say which asset broke which rule). */
export function logBuild(
  ctx: Ctx,
  serviceSid: string,
  buildSid: string,
  problem: string | null,
  versions: VersionRow[],
) {
  const assets = versions.filter((v) => v.kind === 'asset').length;
  ctx.store.logs.addForService({
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
 * files out, then marks it completed, or failed with the reason.
 */
export function runBuild(ctx: Ctx, buildSid: string): Promise<void> {
  let job = running.get(buildSid)?.job;
  if (!job) {
    job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const build = ctx.store.builds.findBySid(buildSid);
        if (!build || build.status !== 'building') return;
        const versions = ctx.store.builds.versions(buildSid);
        const problem = buildProblem(versions) ?? dependenciesProblem(JSON.parse(build.dependencies) as Dependency[]);
        const fail = (reason: string) => {
          ctx.store.builds.finish(buildSid, 'failed', reason);
          logBuild(ctx, build.service_sid, buildSid, reason, versions);
        };
        if (problem) return fail(problem);
        const pending = pendingInstall(ctx.config.dataDir, JSON.parse(build.dependencies) as Dependency[]);
        if (pending.length > 0) {
          ctx.store.logs.addForService({
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
          await layOutBuild(ctx, build);
        } catch (err) {
          if (err instanceof InstallStopped) return;
          if (!(err instanceof InstallError)) throw err;
          return fail(err.message);
        }
        ctx.store.builds.finish(buildSid, 'completed', null);
        logBuild(ctx, build.service_sid, buildSid, null, versions);
      })
      .catch((err: unknown) => {
        console.error(`build ${buildSid} failed unexpectedly`, err);
        ctx.store.builds.finish(buildSid, 'failed', 'Internal error while building');
      })
      .finally(() => running.delete(buildSid));
    running.set(buildSid, { dataDir: ctx.config.dataDir, job });
  }
  return job;
}

/** The build once it has left "building" (running it if nothing is), or undefined if unknown. */
export async function whenBuilt(ctx: Ctx, buildSid: string): Promise<BuildRow | undefined> {
  const build = ctx.store.builds.findBySid(buildSid);
  if (build?.status === 'building') await runBuild(ctx, buildSid);
  return ctx.store.builds.findBySid(buildSid);
}

/** Stops this server's builds before it closes; those cut short stay "building" for resumeBuilds. */
export async function stopBuilds(ctx: Ctx): Promise<void> {
  const { dataDir } = ctx.config;
  await stopInstalls(dataDir, () =>
    Promise.all([...running.values()].filter((r) => r.dataDir === dataDir).map((r) => r.job)),
  );
}

/** Finishes builds a previous process left in "building" (it stopped half-way). */
export function resumeBuilds(ctx: Ctx): void {
  for (const build of ctx.store.builds.building()) void runBuild(ctx, build.sid);
}
