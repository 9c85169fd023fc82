import { z } from 'zod';
import { buildStatusSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';

const buildStatusResponseSchema = z.object({
  sid: z.string(),
  status: buildStatusSchema,
  failure_reason: z.string().nullable().optional(),
});

export const fetchBuildStatus = (serviceSid: string, buildSid: string) =>
  api.get(`/v1/Services/${serviceSid}/Builds/${buildSid}/Status`, buildStatusResponseSchema);
