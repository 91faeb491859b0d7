// The moderation queue's loader and the one decision a moderator makes on a reported target.
import type { QueuedReport, ResolveReportBody } from '@edumatrix/contracts';
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { refreshSocial } from '../social/queries.ts';

export const moderationKeys = { reports: ['moderation', 'reports'] as const };

export const reportsQuery = () =>
  infiniteQueryOptions({
    queryKey: moderationKeys.reports,
    queryFn: ({ pageParam }) => client.social.reports({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** Open reports on one post or comment, newest first: the queue shows one card (one decision) per target. */
export type ReportedTarget = { targetId: string; reports: QueuedReport[]; latest: QueuedReport };

export function groupByTarget(reports: QueuedReport[]): ReportedTarget[] {
  const groups = new Map<string, QueuedReport[]>();
  for (const report of reports) groups.set(report.targetId, [...(groups.get(report.targetId) ?? []), report]);
  return [...groups].map(([targetId, list]) => ({ targetId, reports: list, latest: list[0] as QueuedReport }));
}

export function useResolveReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, body }: { reportId: string; body: ResolveReportBody }) => client.social.resolveReport(reportId, body),
    // Whichever way it went, the queue changed (a 409 means another moderator decided first).
    onSettled: () => queryClient.invalidateQueries({ queryKey: moderationKeys.reports }),
    // A removed post or comment leaves the feeds and threads it was in.
    onSuccess: (_report, { body }) => {
      if (body.action === 'remove') void refreshSocial(queryClient);
    },
  });
}
