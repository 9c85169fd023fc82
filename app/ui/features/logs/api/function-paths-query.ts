import { queryOptions } from '@tanstack/react-query';
import { functionSchema } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { functionPathKeys } from '../../../lib/query-keys.ts';

/** Each function's path (its latest version's; its name until it has one), by sid: how log lines name it. */
export const functionPathsQueryOptions = (serviceSid: string) =>
  queryOptions({
    queryKey: functionPathKeys.list(serviceSid),
    queryFn: async () => {
      const functions = await api.list(`/v1/Services/${serviceSid}/Functions`, 'functions', functionSchema, {
        PageSize: 1000,
      });
      return new Map(functions.map((f) => [f.sid, f.latest_version?.path ?? f.friendly_name]));
    },
    staleTime: 30_000,
  });
