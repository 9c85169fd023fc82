import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { signedRequestEndpoints as endpoints } from '../../shared/api-endpoints.ts';
import { isSid, SID_PREFIX } from '../../shared/sids.ts';
import { baseName, pathOfUrlPath } from '../../shared/paths.ts';
import { isTextType } from '../../shared/content-type.ts';
import { curlCommand, formEncode, type ParamPair } from '../../shared/signed-request.ts';
import { presentFor, type Ctx } from '../context.ts';
import { badRequest } from '../errors.ts';
import { REQUEST_SID_HEADER } from '../functions/gateway.ts';
import { normalizeHost } from '../runtime/host.ts';
import { answerOf, headerValue, sendToSelf } from '../runtime/self-request.ts';
import { expectedSignature } from '../runtime/signature.ts';
import { nowIso } from '../store/ids.ts';
import { serviceOf } from './lookups.ts';

/** The request is answered by a function within its time limit; this leaves room for the rest. */
const EXTRA_WAIT_MS = 5_000;
/** Log lines of one invocation read back (the gateway keeps at most 500 and a notice). */
const MAX_LOG_LINES = 501;

/** A host without the scheme's default port, as URLs write it. */
function withoutDefaultPort(host: string, scheme: string): string {
  const port = scheme === 'https' ? ':443' : ':80';
  return host.endsWith(port) ? host.slice(0, -port.length) : host;
}

/**
 * "Request as Twilio" (an extension): sends a request to one of the service's own environment
 * domains twice — as anyone would, then signed the way Twilio signs (X-Twilio-Signature with the
 * Auth Token) — and answers with both responses, the signed request as a curl command, and the log
 * lines the invocation wrote. The URL must name one of the service's environments: the request
 * goes to this server over loopback, never to another host.
 */
export const signedRequestRoutes: FastifyPluginCallbackZod<{ ctx: Ctx }> = (app, { ctx }, done) => {
  const { config, store } = ctx;

  app.route({
    ...endpoints.create,
    handler: async (request) => {
      const service = await serviceOf(ctx, request.params.ServiceSid);
      const method = request.body.Method ?? 'GET';
      const params: ParamPair[] = request.body.Parameters ?? [];

      let url: URL;
      try {
        url = new URL(request.body.Url);
      } catch {
        throw badRequest('Url must be an absolute URL (http://<environment domain>/<path>)');
      }
      // Environments are served on the scheme the editor is reached on (see the README's DOMAIN_BASE).
      const scheme = request.protocol;
      if (url.protocol !== `${scheme}:`)
        throw badRequest(`Url must use ${scheme}: environments are served over ${scheme}`);
      if (url.username !== '' || url.password !== '') throw badRequest('Url must not carry a user name or password');
      if (url.hash !== '') throw badRequest('Url must not have a fragment (#…): it is never sent');
      const host = normalizeHost(url.host);
      const environment = (await store.environments.ofService(service.sid)).find(
        (env) => host !== null && withoutDefaultPort(normalizeHost(env.domain_name) ?? '', scheme) === host,
      );
      if (!environment) {
        throw badRequest(`Url must be on a domain of one of this service's environments, not ${url.host}`);
      }
      if (method === 'GET') for (const [key, value] of params) url.searchParams.append(key, value);

      const signedUrl = url.href;
      const target = `${url.pathname}${url.search}`;
      const body = method === 'POST' ? formEncode(params) : undefined;
      const signParams: Record<string, string[]> = {};
      if (method === 'POST') for (const [key, value] of params) (signParams[key] ??= []).push(value);
      const signature = expectedSignature(config.authToken, signedUrl, signParams);

      const socket = request.raw.socket;
      const common = {
        address: socket.localAddress ?? '127.0.0.1',
        port: socket.localPort ?? config.port,
        method,
        host: url.host,
        target,
        body,
        timeoutMs: config.functions.timeoutMs + EXTRA_WAIT_MS,
      };
      const headers: Record<string, string> = {
        'User-Agent': 'TwilioProxy/1.1 (Assets Studio: Request as Twilio)',
        ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        // Behind a proxy the environment checks signatures against the URL its client used.
        ...(config.trustProxy ? { 'X-Forwarded-Proto': scheme, 'X-Forwarded-Host': url.host } : {}),
      };

      // One after the other: an unsigned request to a protected function is refused before it runs.
      const started = nowIso();
      const unsigned = await sendToSelf({ ...common, headers });
      const signed = await sendToSelf({ ...common, headers: { ...headers, 'X-Twilio-Signature': signature } });

      const sidHeader = headerValue(signed.rawHeaders, REQUEST_SID_HEADER)?.trim() ?? '';
      const requestSid = isSid(sidHeader, SID_PREFIX.request) ? sidHeader : null;
      const logs = requestSid
        ? (
            await store.logs.list(
              environment.sid,
              { start: started, end: nowIso() },
              { limit: MAX_LOG_LINES * 4, offset: 0 },
            )
          ).items
            .filter((line) => line.request_sid === requestSid)
            .reverse()
        : [];

      const binary = signed.content_type !== null && !isTextType(signed.content_type);
      return {
        url: signedUrl,
        method,
        parameters: params,
        signature,
        curl: curlCommand({
          url: signedUrl,
          method,
          params,
          signature,
          outputFile: binary ? baseName(pathOfUrlPath(url.pathname) ?? url.pathname) : undefined,
        }),
        unsigned: answerOf(unsigned),
        signed: answerOf(signed),
        request_sid: requestSid,
        logs: logs.map(presentFor(ctx, request).log),
      };
    },
  });

  done();
};
