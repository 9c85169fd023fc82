import type { FastifyInstance } from 'fastify';
import { domainSuffixProblem } from '../../shared/names.ts';
import { isSid, SID_PREFIX } from '../../shared/sids.ts';
import { deploy } from '../builds/deploy.ts';
import { presentFor, type Ctx } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { asForm, maxLength, optionalString, requiredString } from './form.ts';
import { listEnvelope, parsePaging } from './paging.ts';
import { serviceOf } from './services.ts';

type ServiceParams = { ServiceSid: string };
type EnvParams = ServiceParams & { EnvironmentSid: string };

/** The environment a nested route names, checked to belong to the service. */
export function environmentOf(ctx: Ctx, serviceSid: string, envSid: string) {
  const service = serviceOf(ctx, serviceSid);
  const env = ctx.store.environments.find(service.sid, envSid);
  if (!env) throw notFound(`/Services/${serviceSid}/Environments/${envSid}`);
  return env;
}

export function environmentRoutes(app: FastifyInstance, ctx: Ctx) {
  const { store } = ctx;
  const base = '/v1/Services/:ServiceSid/Environments';

  app.get<{ Params: ServiceParams }>(base, (request) => {
    const service = serviceOf(ctx, request.params.ServiceSid);
    const paging = parsePaging(request.query as Record<string, unknown>);
    return listEnvelope(
      request,
      'environments',
      paging,
      store.environments.list(service.sid, paging),
      presentFor(ctx, request).environment,
    );
  });

  app.post<{ Params: ServiceParams }>(base, (request, reply) => {
    const service = serviceOf(ctx, request.params.ServiceSid);
    const form = asForm(request.body);
    const uniqueName = maxLength('UniqueName', requiredString(form, 'UniqueName'), 100);
    const suffix = optionalString(form, 'DomainSuffix') || null;
    if (suffix !== null) {
      const problem = domainSuffixProblem(suffix);
      if (problem) throw badRequest(problem);
    }
    const env = store.environments.create({
      service_sid: service.sid,
      unique_name: uniqueName,
      domain_suffix: suffix,
      domain_name: `${service.domain_base}${suffix ? `-${suffix}` : ''}.${ctx.config.domainBase}`,
    });
    if (!env) throw conflict('Environment with this UniqueName or DomainSuffix already exists.');
    ctx.sites.refresh(env);
    return reply.code(201).send(presentFor(ctx, request).environment(env));
  });

  app.get<{ Params: ServiceParams & { Sid: string } }>(`${base}/:Sid`, (request) =>
    presentFor(ctx, request).environment(environmentOf(ctx, request.params.ServiceSid, request.params.Sid)),
  );

  // Deleting an environment takes its domain offline along with its deployments, variables and logs.
  app.delete<{ Params: ServiceParams & { Sid: string } }>(`${base}/:Sid`, (request, reply) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.Sid);
    store.environments.remove(env.sid);
    ctx.sites.forget(env.sid);
    return reply.code(204).send();
  });

  const deployments = `${base}/:EnvironmentSid/Deployments`;

  app.get<{ Params: EnvParams }>(deployments, (request) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const paging = parsePaging(request.query as Record<string, unknown>);
    return listEnvelope(
      request,
      'deployments',
      paging,
      store.environments.deployments(env.sid, paging),
      presentFor(ctx, request).deployment,
    );
  });

  app.post<{ Params: EnvParams }>(deployments, async (request, reply) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const buildSid = optionalString(asForm(request.body), 'BuildSid');
    if (!buildSid) throw conflict('Environment already has requested deployment.');
    if (!isSid(buildSid, SID_PREFIX.build)) throw badRequest('BuildSid must be a Build sid (ZB…)');
    const deployment = await deploy(ctx, env, buildSid);
    return reply.code(201).send(presentFor(ctx, request).deployment(deployment));
  });

  app.get<{ Params: EnvParams & { Sid: string } }>(`${deployments}/:Sid`, (request) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const deployment = store.environments.deployment(env.sid, request.params.Sid);
    if (!deployment)
      throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}/Deployments/${request.params.Sid}`);
    return presentFor(ctx, request).deployment(deployment);
  });
}
