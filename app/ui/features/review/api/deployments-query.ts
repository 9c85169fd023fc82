import { queryOptions } from '@tanstack/react-query';
import { deploymentSchema, listSchema, type Environment } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { reviewKeys } from './keys.ts';

/** How many deployments the history shows (newest first); older ones are not listed. */
export const HISTORY_LENGTH = 50;

const pageSchema = listSchema('deployments', deploymentSchema);

/** An environment's most recent deployments, newest first (the API's order). */
export const deploymentsQueryOptions = (environment: Environment) =>
  queryOptions({
    queryKey: reviewKeys.deployments(environment.service_sid, environment.sid, environment.build_sid),
    queryFn: async () => {
      const page = await api.get(
        `/v1/Services/${environment.service_sid}/Environments/${environment.sid}/Deployments`,
        pageSchema,
        { PageSize: HISTORY_LENGTH },
      );
      return page.deployments ?? [];
    },
  });
