import { useQuery } from '@tanstack/react-query';
import { environmentsQueryOptions } from './api/environments-query.ts';
import { useDeployStore } from './deploy-store.ts';

/** The environments of a service and the selected one (the first until the user picks another). */
export function useSelectedEnvironment(serviceSid: string) {
  const environments = useQuery(environmentsQueryOptions(serviceSid));
  const selectedSid = useDeployStore((s) => s.selectedEnvironment[serviceSid]);
  const list = environments.data ?? [];
  const environment = list.find((e) => e.sid === selectedSid) ?? list[0] ?? null;
  return { environments, environment };
}
