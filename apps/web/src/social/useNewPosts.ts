// Counts posts pushed live (`feed:new_post`) that the loaded feed does not show yet. They are not
// inserted: the reader chooses when the list moves, by clicking the pill.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session-store.ts';
import { useResync, useSocketEvent } from '../realtime/hooks.ts';
import { mutedQuery, socialKeys } from './queries.ts';

export function useNewPosts(shownIds: ReadonlySet<string>) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  // Pushes ignore mutes (they only filter the feed itself), so a muted author's post would never show.
  const muted = useQuery(mutedQuery());
  const [arrived, setArrived] = useState<string[]>([]);
  const [missed, setMissed] = useState(false);

  useSocketEvent('feed:new_post', ({ postId, authorId }) => {
    if (authorId === me.id || muted.data?.some((p) => p.userId === authorId)) return;
    setArrived((ids) => (ids.includes(postId) ? ids : [...ids, postId]));
  });
  // A connection that could not recover lost the pushes in between: offer to look, without a count.
  useResync((since) => {
    const loadedAt = queryClient.getQueryState(socialKeys.feed())?.dataUpdatedAt ?? 0;
    if (loadedAt > 0 && loadedAt < since) setMissed(true);
  });

  return {
    count: arrived.filter((id) => !shownIds.has(id)).length,
    missed,
    clear() {
      setArrived([]);
      setMissed(false);
    },
  };
}
