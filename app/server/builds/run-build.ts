import type { Ctx } from '../context.ts';
import type { BuildRow } from '../store/builds-repo.ts';
import { buildProblem } from './validate.ts';

const running = new Map<string, Promise<void>>();

/** Validates a build created in status "building" and marks it completed or failed. */
export function runBuild(ctx: Ctx, buildSid: string): Promise<void> {
  let job = running.get(buildSid);
  if (!job) {
    job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const build = ctx.store.builds.findBySid(buildSid);
        if (!build || build.status !== 'building') return;
        const problem = buildProblem(ctx.store.builds.versions(buildSid));
        ctx.store.builds.finish(buildSid, problem ? 'failed' : 'completed', problem);
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
