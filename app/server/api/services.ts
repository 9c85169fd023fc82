import type { FastifyInstance } from 'fastify';
import { uniqueNameProblem } from '../../shared/names.ts';
import { presentFor, type Ctx } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { asForm, maxLength, optionalBool, optionalString, requiredString } from './form.ts';
import { listEnvelope, parsePaging } from './paging.ts';

type Params = { Sid: string };

export function serviceRoutes(app: FastifyInstance, ctx: Ctx) {
  const { store } = ctx;
  const find = (sid: string) => {
    const service = store.services.find(sid);
    if (!service) throw notFound(`/Services/${sid}`);
    return service;
  };

  app.get('/v1/Services', (request) => {
    const paging = parsePaging(request.query as Record<string, unknown>);
    return listEnvelope(request, 'services', paging, store.services.list(paging), presentFor(ctx, request).service);
  });

  app.post('/v1/Services', (request, reply) => {
    const form = asForm(request.body);
    const uniqueName = requiredString(form, 'UniqueName');
    const problem = uniqueNameProblem(uniqueName);
    if (problem) throw badRequest(problem);
    const friendlyName = maxLength('FriendlyName', requiredString(form, 'FriendlyName'), 255);
    if (store.services.find(uniqueName)) throw conflict(`Service with UniqueName ${uniqueName} already exists`);
    const service = store.services.create({
      unique_name: uniqueName,
      friendly_name: friendlyName,
      include_credentials: optionalBool(form, 'IncludeCredentials') === false ? 0 : 1,
      ui_editable: optionalBool(form, 'UiEditable') ? 1 : 0,
    });
    return reply.code(201).send(presentFor(ctx, request).service(service));
  });

  app.get<{ Params: Params }>('/v1/Services/:Sid', (request) =>
    presentFor(ctx, request).service(find(request.params.Sid)),
  );

  app.post<{ Params: Params }>('/v1/Services/:Sid', (request) => {
    const service = find(request.params.Sid);
    const form = asForm(request.body);
    const friendlyName = optionalString(form, 'FriendlyName');
    const includeCredentials = optionalBool(form, 'IncludeCredentials');
    const uiEditable = optionalBool(form, 'UiEditable');
    const updated = store.services.update({
      ...service,
      friendly_name: friendlyName ? maxLength('FriendlyName', friendlyName, 255) : service.friendly_name,
      include_credentials: includeCredentials === undefined ? service.include_credentials : Number(includeCredentials),
      ui_editable: uiEditable === undefined ? service.ui_editable : Number(uiEditable),
    });
    return presentFor(ctx, request).service(updated);
  });

  // Deleting a Service removes its environments (their domains stop serving), builds, assets and
  // functions. Nothing is left half-deployed: the environments go with it.
  app.delete<{ Params: Params }>('/v1/Services/:Sid', async (request, reply) => {
    const service = find(request.params.Sid);
    const envs = store.environments.list(service.sid, { limit: 10_000, offset: 0 }).items;
    store.services.remove(service.sid);
    for (const env of envs) ctx.sites.forget(env.sid);
    store.collectGarbage();
    return reply.code(204).send();
  });
}

/** The service a nested route names by sid or unique name, or a 404. */
export function serviceOf(ctx: Ctx, sid: string) {
  const service = ctx.store.services.find(sid);
  if (!service) throw notFound(`/Services/${sid}`);
  return service;
}
