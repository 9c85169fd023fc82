import { queryOptions } from '@tanstack/react-query';
import { variableSchema, type Environment } from '../../../../shared/api-schemas.ts';
import { api } from '../../../lib/api-client.ts';
import { reviewKeys } from './keys.ts';

/** An environment's variables (a promote compares the two environments' sets). */
export const variablesQueryOptions = (environment: Environment) =>
  queryOptions({
    queryKey: reviewKeys.variables(environment.service_sid, environment.sid),
    queryFn: () =>
      api.list(
        `/v1/Services/${environment.service_sid}/Environments/${environment.sid}/Variables`,
        'variables',
        variableSchema,
        { PageSize: 100 },
      ),
  });
