import type { RosterImport } from '@edumatrix/contracts';
import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

export const rosterKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'imports'] as const,
  list: (institutionId: string) => [...rosterKeys.all(institutionId), 'list'] as const,
  one: (institutionId: string, id: string) => [...rosterKeys.all(institutionId), 'one', id] as const,
};

export const isFinished = (job: Pick<RosterImport, 'status'>) => job.status === 'succeeded' || job.status === 'failed';

// Progress arrives over the socket; polling is the fallback when the socket is down.
const RUNNING_POLL_MS = 1_500;

export const importsQuery = (institutionId: string) =>
  queryOptions({
    queryKey: rosterKeys.list(institutionId),
    queryFn: () => client.imports.list(institutionId).then((r) => r.items),
    refetchInterval: (query) => (query.state.data?.some((job) => !isFinished(job)) ? RUNNING_POLL_MS * 2 : false),
  });

export const importQuery = (institutionId: string, id: string) =>
  queryOptions({
    queryKey: rosterKeys.one(institutionId, id),
    queryFn: () => client.imports.get(institutionId, id),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : RUNNING_POLL_MS),
  });
