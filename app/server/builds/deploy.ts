import type { DeploymentClient } from '../../shared/api-schemas.ts';
import type { Ctx } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { DeploymentRow, EnvironmentRow } from '../store/environments-repo.ts';
import { whenBuilt } from './run-build.ts';

/**
 * Puts a completed build live on an environment. The switch is one transaction and the
 * in-memory site is rebuilt from what was committed, so two deploys at once leave one consistent build.
 */
export async function deploy(
  ctx: Ctx,
  env: EnvironmentRow,
  buildSid: string,
  client: DeploymentClient | null = null,
): Promise<DeploymentRow> {
  const { store } = ctx;
  const build = await whenBuilt(ctx, buildSid);
  if (!build || build.service_sid !== env.service_sid)
    throw notFound(`/Services/${env.service_sid}/Builds/${buildSid}`);
  if (build.status === 'failed') {
    throw badRequest(`Build ${build.sid} failed and cannot be deployed: ${build.failure_reason ?? 'unknown reason'}`);
  }
  const current = await store.environments.find(env.service_sid, env.sid);
  if (!current) throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}`);
  if (current.build_sid === build.sid) throw conflict('Environment already has requested deployment.');
  // The new build's functions are laid out and warm before requests switch to it.
  // A failure here is logged and the switch goes on: invocations then start processes on demand.
  await ctx.functions.prepare(build.sid).catch((err: unknown) => {
    if (ctx.config.log) console.error(`could not warm the functions of build ${build.sid}`, err);
  });
  const deployment = await store.environments.deploy(current, build.sid, client);
  const fresh = (await store.environments.find(env.service_sid, env.sid))!;
  await ctx.sites.refresh(fresh);
  // In-flight invocations keep their pool until they finish; then its processes stop.
  ctx.functions.sweep();
  await store.logs.add({
    service_sid: env.service_sid,
    environment_sid: env.sid,
    build_sid: build.sid,
    deployment_sid: deployment.sid,
    function_sid: null,
    level: 'info',
    message: `Deployed build ${build.sid} to ${fresh.domain_name}`,
  });
  return deployment;
}
