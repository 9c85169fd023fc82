import type { Ctx } from '../context.ts';
import type { BuildRow } from '../store/builds-repo.ts';
import type { VersionRow } from '../store/files-repo.ts';
import { buildProblem } from './validate.ts';

const running = new Map<string, Promise<void>>();

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tells every environment of the service how a build ended (failures say which asset broke which rule). */
function logBuild(ctx: Ctx, serviceSid: string, buildSid: string, problem: string | null, versions: VersionRow[]) {
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

/** Validates a build created in status "building" and marks it completed or failed. */
export function runBuild(ctx: Ctx, buildSid: string): Promise<void> {
  let job = running.get(buildSid);
  if (!job) {
    job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const build = ctx.store.builds.findBySid(buildSid);
        if (!build || build.status !== 'building') return;
        const versions = ctx.store.builds.versions(buildSid);
        const problem = buildProblem(versions);
        ctx.store.builds.finish(buildSid, problem ? 'failed' : 'completed', problem);
        logBuild(ctx, build.service_sid, buildSid, problem, versions);
      })
      .catch((err: unknown) => {
        console.error(`build ${buildSid} failed unexpectedly`, err);
        ctx.store.builds.finish(buildSid, 'failed', 'Internal error while building');
      })
      .finally(() => running.delete(buildSid));
    running.set(buildSid, job);
  }
  return job;
}

/** The build once it has left "building" (running it if nothing is), or undefined if unknown. */
export async function whenBuilt(ctx: Ctx, buildSid: string): Promise<BuildRow | undefined> {
  const build = ctx.store.builds.findBySid(buildSid);
  if (build?.status === 'building') await runBuild(ctx, buildSid);
  return ctx.store.builds.findBySid(buildSid);
}

/** Finishes builds a previous process left in "building" (it stopped half-way). */
export function resumeBuilds(ctx: Ctx): void {
  for (const build of ctx.store.builds.building()) void runBuild(ctx, build.sid);
}
