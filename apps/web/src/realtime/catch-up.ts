import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Refetches what was loaded before `since`: pushes from before then never reached us. A fetch
 * already under way started about now and is left to finish.
 */
export function refetchIfOlder(queryClient: QueryClient, queryKey: QueryKey, since: number) {
  return queryClient.invalidateQueries({ queryKey, predicate: (query) => query.state.dataUpdatedAt < since }, { cancelRefetch: false });
}
