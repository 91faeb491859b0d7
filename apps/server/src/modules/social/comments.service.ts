// Comments on posts, threaded two levels deep: a reply to a reply attaches to its top-level
// comment. Commenting needs the post to be visible, which a block rules out both ways.
import type { Comment, CreateCommentBody, Page, ReactionKind } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';
import { decodeCursor, toPage } from '../../platform/http/cursor.ts';
import { type CommentRow, engagementRepository } from './engagement.repository.ts';
import { announceMentions, mayBeTold, resolveMentions } from './mentions.ts';
import type { PostsService } from './posts.service.ts';
import { notify, type SocialDeps, summaries, summaryOf, toIso } from './social.deps.ts';
import { loadViewer, type Viewer } from './viewer.ts';

export const commentNotFound = () => notFound('social.comment_not_found', 'Comment');

export function createCommentsService(deps: SocialDeps & { posts: PostsService }) {
  const { db } = deps;
  const repo = engagementRepository(db);

  async function present(rows: CommentRow[], viewer: Viewer): Promise<Comment[]> {
    const [people, reactions] = await Promise.all([
      summaries(
        deps,
        rows.flatMap((r) => [r.author_id, ...r.mentions]),
      ),
      repo.reactionsOf(
        rows.map((r) => r.id),
        viewer.id,
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      postId: r.post_id,
      parentId: r.parent_id,
      author: summaryOf(people, r.author_id),
      // A deleted comment keeps its place in the thread, without its words.
      body: r.deleted_at ? '' : r.body,
      // Someone who has since blocked (or been blocked by) the viewer is not shown to them, as for posts.
      mentions: r.deleted_at ? [] : r.mentions.filter((id) => !viewer.blocked.has(id)).map((id) => summaryOf(people, id)),
      createdAt: toIso(r.created_at),
      deleted: r.deleted_at !== null,
      reactions: reactions.counts.get(r.id) ?? {},
      myReaction: (reactions.mine.get(r.id) as ReactionKind | undefined) ?? null,
    }));
  }

  /** The comment and its post, if the viewer may see both. */
  async function visibleComment(userId: string, commentId: string) {
    const comment = await repo.findComment(commentId);
    if (!comment || comment.deleted_at) throw commentNotFound();
    const viewer = await loadViewer(deps, userId);
    const post = await deps.posts.visiblePost(viewer, comment.post_id).catch(() => null);
    if (!post || viewer.blocked.has(comment.author_id)) throw commentNotFound();
    return { comment, post, viewer };
  }

  return {
    visibleComment,

    async create(userId: string, postId: string, body: CreateCommentBody): Promise<Comment> {
      const viewer = await loadViewer(deps, userId);
      const post = await deps.posts.visiblePost(viewer, postId);
      let parent: CommentRow | undefined;
      if (body.parentId) {
        parent = await repo.findComment(body.parentId);
        if (!parent || parent.post_id !== postId || parent.deleted_at || viewer.blocked.has(parent.author_id)) {
          throw invalidField('social.comment_not_found', 'parentId', 'is not a comment on this post');
        }
      }
      const parentId = parent ? (parent.parent_id ?? parent.id) : null;
      const mentions = await resolveMentions(deps, userId, body.body);
      const told = await mayBeTold(deps, post, mentions);
      const name = (await deps.displayNames([userId])).get(userId) ?? 'Someone';
      // Who hears of the comment: the post's author, and the author of the comment replied to.
      const toTell = [...new Set([post.author_id, ...(parent ? [parent.author_id] : [])])].filter(
        (id) => id !== userId && !told.includes(id),
      );
      const row = await db.transaction().execute(async (trx) => {
        const comment = await engagementRepository(trx).insertComment({
          id: uuidv7(),
          post_id: postId,
          parent_id: parentId,
          author_id: userId,
          body: body.body,
          mentions,
        });
        await deps.events.publish(trx, {
          type: 'social.commented',
          key: post.author_id,
          payload: { commentId: comment.id, postId, parentId, authorId: userId, postAuthorId: post.author_id },
        });
        for (const recipient of toTell) {
          await notify(deps, trx, {
            userId: recipient,
            kind: 'social.commented',
            title: recipient === post.author_id ? `${name} commented on your post` : `${name} replied to your comment`,
            body: body.body.slice(0, 200),
            link: `/posts/${postId}`,
            groupKey: `social.commented:${postId}:${recipient === post.author_id ? 'post' : 'reply'}`,
            actor: { userId, name },
          });
        }
        await announceMentions(deps, trx, { postId, commentId: comment.id, authorId: userId, authorName: name, toldIds: told });
        return comment;
      });
      return (await present([row], viewer))[0] as Comment;
    },

    async list(userId: string, postId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<Comment>> {
      const viewer = await loadViewer(deps, userId);
      await deps.posts.visiblePost(viewer, postId);
      const rows = await repo.listComments(postId, query.cursor ? decodeCursor(query.cursor) : null, query.limit, [...viewer.blocked]);
      const page = toPage(rows, query.limit, (r) => r);
      return { items: await present(page.items, viewer), nextCursor: page.nextCursor };
    },

    /** The comment's author or the post's author may remove it. */
    async remove(userId: string, commentId: string): Promise<void> {
      const { comment, post } = await visibleComment(userId, commentId);
      if (comment.author_id !== userId && post.author_id !== userId) {
        throw forbidden('social.not_author', 'Only its author or the post’s author can delete a comment');
      }
      await repo.softDeleteComment(commentId);
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
