import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

export const dashboardKeys = {
  one: (institutionId: string) => [...institutionKeys.one(institutionId), 'dashboard'] as const,
};

/** Figures are event-fed and may trail a change by a few seconds; a minute's refresh keeps an open page current. */
export const dashboardQuery = (institutionId: string) =>
  queryOptions({
    queryKey: dashboardKeys.one(institutionId),
    queryFn: () => client.dashboard(institutionId),
    refetchInterval: 60_000,
  });
