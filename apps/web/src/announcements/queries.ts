import type { AnnouncementQuery } from '@edumatrix/contracts';
import { infiniteQueryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

export const announcementKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'announcements'] as const,
  list: (institutionId: string, scheduled: boolean) =>
    [...announcementKeys.all(institutionId), scheduled ? 'scheduled' : 'published'] as const,
};

/** Published announcements that reached me, or (`scheduled`) those still waiting: all for admins, my own for teachers. */
export const announcementsQuery = (institutionId: string, scheduled: boolean) =>
  infiniteQueryOptions({
    queryKey: announcementKeys.list(institutionId, scheduled),
    queryFn: ({ pageParam }) => {
      const query: Partial<AnnouncementQuery> = { limit: 25, scheduled: scheduled ? 'true' : 'false' };
      if (pageParam) query.cursor = pageParam;
      return client.announcements.list(institutionId, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const announces = (role: string) => role === 'owner' || role === 'admin' || role === 'teacher';
