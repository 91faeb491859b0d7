// Turns post rows into what one viewer gets: names, counts, their own reaction, and the shared
// original only when they may see it.
import { DEFAULT_PRIVACY, firstLink, type Post, type ReactionKind } from '@edumatrix/contracts';
import { cachedPreviews } from './link-previews.ts';
import { imagesOf } from './post-images.ts';
import { type PostRow, postsRepository } from './posts.repository.ts';
import { mayViewField, visibilityLabel } from './privacy.ts';
import { profilesRepository } from './profiles.repository.ts';
import { type SocialDeps, summaries, summaryOf, toIso } from './social.deps.ts';
import { canView, type Viewer } from './viewer.ts';

export async function presentPosts(deps: SocialDeps, viewer: Viewer, rows: PostRow[]): Promise<Post[]> {
  const repo = postsRepository(deps.db);
  const originalIds = [...new Set(rows.flatMap((r) => (r.repost_of ? [r.repost_of] : [])))];
  const originals = new Map((await repo.findMany(originalIds)).filter((o) => canView(viewer, o)).map((o) => [o.id, o]));
  const people = await summaries(deps, [
    ...rows.flatMap((r) => [r.author_id, ...r.mentions]),
    ...[...originals.values()].map((o) => o.author_id),
  ]);
  const links = new Map(rows.map((r) => [r.id, firstLink(r.body)]));
  const [stats, images, headlines, previews] = await Promise.all([
    repo.stats(
      rows.map((r) => r.id),
      viewer.id,
    ),
    imagesOf(
      deps.db,
      rows.map((r) => r.id),
    ),
    profilesRepository(deps.db).headlines([...new Set(rows.map((r) => r.author_id))]),
    cachedPreviews(
      deps.db,
      [...links.values()].filter((u): u is string => u !== null),
    ),
  ]);
  // Shown with the post when the viewer may see it; whether they share an institution is not
  // worked out per card, so an institution-only headline stays on the profile page.
  const headlineOf = (authorId: string) => {
    const found = headlines.get(authorId);
    if (!found?.headline) return null;
    const level = { ...DEFAULT_PRIVACY, ...found.privacy }.headline;
    const rel = { self: authorId === viewer.id, connected: viewer.connections.has(authorId), sharesInstitution: false, blocked: false };
    return mayViewField(level, rel) ? found.headline : null;
  };
  return rows.map((r) => {
    const original = r.repost_of ? originals.get(r.repost_of) : undefined;
    return {
      id: r.id,
      author: summaryOf(people, r.author_id),
      authorHeadline: headlineOf(r.author_id),
      body: r.body,
      visibility: visibilityLabel(r.visibility, r.institution_id),
      hashtags: r.hashtags,
      images: images.get(r.id) ?? [],
      linkPreview: previews.get(links.get(r.id) ?? '') ?? null,
      // Someone who has since blocked (or been blocked by) the viewer is not shown to them.
      mentions: r.mentions.filter((id) => !viewer.blocked.has(id)).map((id) => summaryOf(people, id)),
      createdAt: toIso(r.created_at),
      editedAt: r.edited_at ? toIso(r.edited_at) : null,
      commentCount: stats.comments.get(r.id) ?? 0,
      reactions: stats.reactions.get(r.id) ?? {},
      myReaction: (stats.mine.get(r.id) as ReactionKind | undefined) ?? null,
      repostCount: stats.reposts.get(r.id) ?? 0,
      repostOf: r.repost_of,
      original: original
        ? {
            id: original.id,
            author: summaryOf(people, original.author_id),
            body: original.body,
            visibility: visibilityLabel(original.visibility, original.institution_id),
            createdAt: toIso(original.created_at),
          }
        : null,
    };
  });
}
