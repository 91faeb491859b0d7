import type { AuditQuery } from '@edumatrix/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';

export const institutionKeys = {
  all: ['institutions'] as const,
  list: () => [...institutionKeys.all, 'list'] as const,
  one: (id: string) => [...institutionKeys.all, id] as const,
  members: (id: string) => [...institutionKeys.all, id, 'members'] as const,
  invitations: (id: string) => [...institutionKeys.all, id, 'invitations'] as const,
  audit: (id: string, action: string) => [...institutionKeys.all, id, 'audit', action] as const,
};

export const institutionsQuery = () =>
  queryOptions({ queryKey: institutionKeys.list(), queryFn: () => client.institutions.list().then((r) => r.items) });

export const institutionQuery = (id: string) =>
  queryOptions({ queryKey: institutionKeys.one(id), queryFn: () => client.institutions.get(id) });

export const membersQuery = (id: string) =>
  queryOptions({ queryKey: institutionKeys.members(id), queryFn: () => client.institutions.members(id).then((r) => r.items) });

export const invitationsQuery = (id: string) =>
  queryOptions({
    queryKey: institutionKeys.invitations(id),
    queryFn: () => client.institutions.invitations(id).then((r) => r.items),
  });

export const auditQuery = (id: string, action: string) =>
  infiniteQueryOptions({
    queryKey: institutionKeys.audit(id, action),
    queryFn: ({ pageParam }) => {
      const query: Partial<AuditQuery> = { limit: 50 };
      if (action) query.action = action;
      if (pageParam) query.cursor = pageParam;
      return client.institutions.audit(id, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
