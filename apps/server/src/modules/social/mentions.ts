// Resolving @handles to people, and telling those who may see the post or comment. A mention of
// someone who blocked the author (or whom the author blocked) is dropped.
import type { Db } from '../../platform/db/database.ts';
import { graphRepository } from './graph.repository.ts';
import type { PostRow } from './posts.repository.ts';
import { profilesRepository } from './profiles.repository.ts';
import { notify, type SocialDeps } from './social.deps.ts';
import { parseMentions } from './text.ts';
import { canView, loadViewer } from './viewer.ts';

/** The user ids `text` mentions, the author and blocked people left out. */
export async function resolveMentions(deps: SocialDeps, authorId: string, text: string): Promise<string[]> {
  const handles = parseMentions(text);
  if (handles.length === 0) return [];
  const byHandle = await profilesRepository(deps.db).idsByHandle(handles);
  const blocked = new Set(await graphRepository(deps.db).blockedEitherWay(authorId));
  const ids = handles.flatMap((h) => {
    const id = byHandle.get(h);
    return id && id !== authorId && !blocked.has(id) ? [id] : [];
  });
  return [...new Set(ids)];
}

/** Who of `mentionedIds` may see the post (read before the write transaction: PGlite has one connection). */
export async function mayBeTold(deps: SocialDeps, post: PostAudienceRow, mentionedIds: string[]): Promise<string[]> {
  const told: string[] = [];
  for (const id of mentionedIds) if (canView(await loadViewer(deps, id), post)) told.push(id);
  return told;
}

type PostAudienceRow = Pick<PostRow, 'author_id' | 'visibility' | 'institution_id' | 'deleted_at'>;

/** Publishes `social.mentioned` and an inbox entry for each person in `toldIds`. */
export async function announceMentions(
  deps: SocialDeps,
  trx: Db,
  args: { postId: string; commentId: string | null; authorId: string; authorName: string; toldIds: string[] },
): Promise<void> {
  for (const mentionedId of args.toldIds) {
    await deps.events.publish(trx, {
      type: 'social.mentioned',
      key: mentionedId,
      payload: { postId: args.postId, commentId: args.commentId, authorId: args.authorId, mentionedId },
    });
    await notify(deps, trx, {
      userId: mentionedId,
      kind: 'social.mentioned',
      title: `${args.authorName} mentioned you in a ${args.commentId ? 'comment' : 'post'}`,
      link: `/posts/${args.postId}`,
      actor: { userId: args.authorId, name: args.authorName },
    });
  }
}
