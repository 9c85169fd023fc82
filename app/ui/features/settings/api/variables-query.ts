import { queryOptions } from '@tanstack/react-query';
import { variableSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { variableKeys } from '../../../lib/query-keys.ts';

export const variablesPath = (serviceSid: string, environmentSid: string) =>
  `/v1/Services/${serviceSid}/Environments/${environmentSid}/Variables`;

/** Every Environment Variable of one environment, in the order they were added. */
export const variablesQueryOptions = (serviceSid: string, environmentSid: string) =>
  queryOptions({
    queryKey: variableKeys.list(serviceSid, environmentSid),
    queryFn: () => api.list(variablesPath(serviceSid, environmentSid), 'variables', variableSchema, { PageSize: 1000 }),
  });
