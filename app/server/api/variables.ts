import type { FastifyInstance } from 'fastify';
import { isSid, SID_PREFIX } from '../../shared/sids.ts';
import { presentFor, type Ctx } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { asForm, optionalString, requiredString } from './form.ts';
import { environmentOf } from './environments.ts';
import { listEnvelope, parsePaging } from './paging.ts';

type EnvParams = { ServiceSid: string; EnvironmentSid: string };
type ItemParams = EnvParams & { Sid: string };

const MAX_KEY = 128;
const MAX_VALUE_BYTES = 450;

function checkKey(key: string): string {
  if (key.length > MAX_KEY) throw badRequest(`Key must be at most ${MAX_KEY} characters`);
  return key;
}

function checkValue(value: string): string {
  if (Buffer.byteLength(value) > MAX_VALUE_BYTES) throw badRequest(`Value must be at most ${MAX_VALUE_BYTES} bytes`);
  return value;
}

/** Environment Variables (full CRUD) and Logs (list newest first, fetch). */
export function variableAndLogRoutes(app: FastifyInstance, ctx: Ctx) {
  const { store } = ctx;
  const base = '/v1/Services/:ServiceSid/Environments/:EnvironmentSid';

  const variableOf = (params: ItemParams) => {
    const env = environmentOf(ctx, params.ServiceSid, params.EnvironmentSid);
    const variable = store.variables.find(env.sid, params.Sid);
    if (!variable) throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}/Variables/${params.Sid}`);
    return variable;
  };

  app.get<{ Params: EnvParams }>(`${base}/Variables`, (request) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const paging = parsePaging(request.query as Record<string, unknown>);
    return listEnvelope(
      request,
      'variables',
      paging,
      store.variables.list(env.sid, paging),
      presentFor(ctx, request).variable,
    );
  });

  app.post<{ Params: EnvParams }>(`${base}/Variables`, (request, reply) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const form = asForm(request.body);
    const key = checkKey(requiredString(form, 'Key'));
    const value = checkValue(optionalString(form, 'Value') ?? requiredString(form, 'Value'));
    if (store.variables.findByKey(env.sid, key)) throw conflict(`Variable with Key ${key} already exists`);
    const variable = store.variables.create({ service_sid: env.service_sid, environment_sid: env.sid, key, value });
    return reply.code(201).send(presentFor(ctx, request).variable(variable));
  });

  app.get<{ Params: ItemParams }>(`${base}/Variables/:Sid`, (request) =>
    presentFor(ctx, request).variable(variableOf(request.params)),
  );

  app.post<{ Params: ItemParams }>(`${base}/Variables/:Sid`, (request) => {
    const variable = variableOf(request.params);
    const form = asForm(request.body);
    const key = optionalString(form, 'Key');
    const value = optionalString(form, 'Value');
    if (key !== undefined) {
      if (key === '') throw badRequest('Key must not be empty');
      checkKey(key);
      const other = store.variables.findByKey(variable.environment_sid, key);
      if (other && other.sid !== variable.sid) throw conflict(`Variable with Key ${key} already exists`);
    }
    const updated = store.variables.update({
      ...variable,
      key: key ?? variable.key,
      value: value === undefined ? variable.value : checkValue(value),
    });
    return presentFor(ctx, request).variable(updated);
  });

  app.delete<{ Params: ItemParams }>(`${base}/Variables/:Sid`, (request, reply) => {
    store.variables.remove(variableOf(request.params).sid);
    return reply.code(204).send();
  });

  app.get<{ Params: EnvParams }>(`${base}/Logs`, (request) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const query = request.query as Record<string, string | undefined>;
    const paging = parsePaging(query);
    const functionSid = query.FunctionSid || undefined;
    if (functionSid !== undefined && !isSid(functionSid, SID_PREFIX.function))
      throw badRequest('FunctionSid must be a Function sid (ZH…)');
    const date = (name: string, value: string | undefined, fallback: Date) => {
      if (value === undefined || value === '') return fallback;
      const parsed = new Date(value);
      if (Number.isNaN(parsed.getTime())) throw badRequest(`${name} must be an ISO 8601 date-time`);
      return parsed;
    };
    const end = date('EndDate', query.EndDate, new Date());
    const start = date('StartDate', query.StartDate, new Date(end.getTime() - 24 * 3600 * 1000));
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const filters: Record<string, string> = {};
    if (query.StartDate) filters.StartDate = query.StartDate;
    if (query.EndDate) filters.EndDate = query.EndDate;
    if (functionSid) filters.FunctionSid = functionSid;
    return listEnvelope(
      request,
      'logs',
      paging,
      store.logs.list(env.sid, { functionSid, start: iso(start), end: iso(end) }, paging),
      presentFor(ctx, request).log,
      filters,
    );
  });

  app.get<{ Params: ItemParams }>(`${base}/Logs/:Sid`, (request) => {
    const env = environmentOf(ctx, request.params.ServiceSid, request.params.EnvironmentSid);
    const log = store.logs.find(env.sid, request.params.Sid);
    if (!log) throw notFound(`/Services/${env.service_sid}/Environments/${env.sid}/Logs/${request.params.Sid}`);
    return presentFor(ctx, request).log(log);
  });
}
