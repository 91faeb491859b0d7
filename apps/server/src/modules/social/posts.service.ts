// Posts: create (with hashtags and mentions parsed here), read, edit with history, soft delete,
// repost. Whoever may not see a post gets 404, as if it did not exist.
import { type CreatePostBody, firstLink, type Post, type PostHistory, type UpdatePostBody } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';
import { announceMentions, mayBeTold, resolveMentions } from './mentions.ts';
import { attachImages } from './post-images.ts';
import { presentPosts } from './posts.present.ts';
import { type PostRow, postsRepository } from './posts.repository.ts';
import { parseVisibility } from './privacy.ts';
import type { SocialDeps } from './social.deps.ts';
import { parseHashtags } from './text.ts';
import { canView, loadViewer, type Viewer } from './viewer.ts';

export const postNotFound = () => notFound('social.post_not_found', 'Post');

export function createPostsService(deps: SocialDeps) {
  const { db } = deps;
  const repo = postsRepository(db);
  const nameOf = async (userId: string) => (await deps.displayNames([userId])).get(userId) ?? 'Someone';

  /** The post if `viewer` may see it; 404 otherwise. */
  async function visiblePost(viewer: Viewer, postId: string): Promise<PostRow> {
    const post = await repo.find(postId);
    if (!post || !canView(viewer, post)) throw postNotFound();
    return post;
  }

  async function ownPost(userId: string, postId: string): Promise<PostRow> {
    const post = await visiblePost(await loadViewer(deps, userId), postId);
    if (post.author_id !== userId) throw forbidden('social.not_author', 'Only the author can change this post');
    return post;
  }

  /** Reads the first linked page now, so readers find its preview under the post; failing only means no card. */
  function warmLinkPreview(body: string) {
    const url = firstLink(body);
    if (url && deps.linkPreviews) deps.linkPreviews.get(url).catch(() => undefined);
  }

  return {
    visiblePost,

    async create(userId: string, input: CreatePostBody): Promise<Post> {
      const body = (input.body ?? '').trim();
      const { visibility, institutionId } = parseVisibility(input.visibility ?? 'public');
      const viewer = await loadViewer(deps, userId);
      if (institutionId && !viewer.institutionIds.has(institutionId)) {
        throw invalidField('social.not_a_member', 'visibility', 'names an institution you are not a member of');
      }
      let repostOf: string | null = null;
      if (input.repostOf) {
        const original = await repo.find(input.repostOf);
        if (!original || !canView(viewer, original)) throw invalidField('social.post_not_found', 'repostOf', 'is not a post you can see');
        // Sharing a share shares what it shared.
        repostOf = original.repost_of ?? original.id;
      }
      const mentions = await resolveMentions(deps, userId, body);
      const audience = { author_id: userId, visibility, institution_id: institutionId, deleted_at: null };
      const told = await mayBeTold(deps, audience, mentions);
      const authorName = await nameOf(userId);
      const hashtags = parseHashtags(body);
      const row = await db.transaction().execute(async (trx) => {
        const post = await postsRepository(trx).insert({
          id: uuidv7(),
          author_id: userId,
          body,
          visibility,
          institution_id: institutionId,
          repost_of: repostOf,
          hashtags,
          mentions,
        });
        await attachImages(trx, userId, post.id, input.imageIds ?? []);
        await deps.events.publish(trx, {
          type: 'social.post_created',
          key: userId,
          payload: { postId: post.id, authorId: userId, visibility, institutionId, hashtags, repostOf },
        });
        await announceMentions(deps, trx, { postId: post.id, commentId: null, authorId: userId, authorName, toldIds: told });
        return post;
      });
      warmLinkPreview(body);
      return (await presentPosts(deps, viewer, [row]))[0] as Post;
    },

    async get(userId: string, postId: string): Promise<Post> {
      const viewer = await loadViewer(deps, userId);
      return (await presentPosts(deps, viewer, [await visiblePost(viewer, postId)]))[0] as Post;
    },

    /** The new text replaces the old, which is kept in the post's history. Newly mentioned people are told. */
    async update(userId: string, postId: string, input: UpdatePostBody): Promise<Post> {
      const post = await ownPost(userId, postId);
      if (input.body.trim() === post.body) return this.get(userId, postId);
      const mentions = await resolveMentions(deps, userId, input.body);
      const told = await mayBeTold(
        deps,
        post,
        mentions.filter((id) => !post.mentions.includes(id)),
      );
      const authorName = await nameOf(userId);
      await db.transaction().execute(async (trx) => {
        const r = postsRepository(trx);
        await r.insertVersion({ id: uuidv7(), post_id: postId, body: post.body, created_at: post.edited_at ?? post.created_at });
        await r.updateBody(postId, { body: input.body.trim(), hashtags: parseHashtags(input.body), mentions });
        await announceMentions(deps, trx, { postId, commentId: null, authorId: userId, authorName, toldIds: told });
      });
      // Only a new first link is read again (a failed read is not cached, so re-reading on every edit would hammer it).
      if (firstLink(input.body) !== firstLink(post.body)) warmLinkPreview(input.body);
      return this.get(userId, postId);
    },

    async remove(userId: string, postId: string): Promise<void> {
      await ownPost(userId, postId);
      await db.transaction().execute((trx) => postsRepository(trx).softDelete(postId));
    },

    /** Every version, newest (the current text) first; for anyone who may see the post. */
    async history(userId: string, postId: string): Promise<PostHistory> {
      const post = await visiblePost(await loadViewer(deps, userId), postId);
      const older = await repo.versions(postId);
      const current = { body: post.body, createdAt: new Date(post.edited_at ?? post.created_at).toISOString() };
      return { items: [current, ...older.map((v) => ({ body: v.body, createdAt: new Date(v.created_at).toISOString() }))] };
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
