import type { FastifyRequest } from 'fastify';
import type { DeploymentClient } from '../../shared/api-schemas.ts';
import { basicCredentials } from '../auth.ts';

/**
 * Which kind of client sent a request. Requests without HTTP Basic passed the session check, so
 * they come from the editor. Among API clients, twilio-run (and the Twilio CLI's serverless plugin,
 * which wraps it) names itself in the User-Agent (`… twilio-run/4.x twilio-run:deploy`).
 */
export function clientKind(request: FastifyRequest): DeploymentClient {
  if (!basicCredentials(request)) return 'editor';
  const agent = request.headers['user-agent'] ?? '';
  return /\btwilio-run[/:]/.test(agent) ? 'twilio-run' : 'api';
}
