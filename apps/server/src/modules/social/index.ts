// Social (Students Interlinked) owns profiles, the follow/connection graph with blocks and mutes,
// posts, comments, reactions, reposts, reports and the feed (global schema `social`). Other
// modules use the block rule through `blockState` / `blockedIds` of the graph service, and
// the kernel's presence API asks `presence.visibleTo` whose online status a viewer may see.

export { avatarRoutes } from './avatars.routes.ts';
export { createAvatars } from './avatars.ts';
export { type CommentsService, createCommentsService } from './comments.service.ts';
export { createFeedService, type FeedService } from './feed.service.ts';
export { createGraphService, type GraphService } from './graph.service.ts';
export { linkPreviewRoutes } from './link-previews.routes.ts';
export { createLinkPreviews } from './link-previews.ts';
export { createModerationService, type ModerationService } from './moderation.service.ts';
export { postImagesRoutes } from './post-images.routes.ts';
export { createPostImages } from './post-images.ts';
export { postsRoutes } from './posts.routes.ts';
export { createPostsService, type PostsService } from './posts.service.ts';
export { createPresenceService, type PresenceDeps, type PresenceService } from './presence.service.ts';
export { createProfilesService, type ProfilesService } from './profiles.service.ts';
export { createReactionsService, type ReactionsService } from './reactions.service.ts';
export { searchIndexConsumer } from './search.consumer.ts';
export { searchRoutes } from './search.routes.ts';
export type { SearchDeps } from './search.service.ts';
export type { SocialDeps } from './social.deps.ts';
export { type FeedPusher, liveFeedConsumer } from './social.live.ts';
export { socialMigrations } from './social.migrations.ts';
export { socialRoutes } from './social.routes.ts';
export { createSuggestionsService, type SuggestionsService } from './suggestions.service.ts';

import { createCommentsService } from './comments.service.ts';
import { createFeedService } from './feed.service.ts';
import { createGraphService } from './graph.service.ts';
import { createModerationService } from './moderation.service.ts';
import { createPostsService } from './posts.service.ts';
import { createPresenceService, type PresenceDeps } from './presence.service.ts';
import { createProfilesService } from './profiles.service.ts';
import { createReactionsService } from './reactions.service.ts';
import { createSearchService, type SearchDeps } from './search.service.ts';
import { createSuggestionsService } from './suggestions.service.ts';

/** Every social service, wired together (the composition root calls this once). */
export function createSocialModule(deps: SearchDeps & Pick<PresenceDeps, 'presence'>) {
  const posts = createPostsService(deps);
  const comments = createCommentsService({ ...deps, posts });
  return {
    profiles: createProfilesService(deps),
    graph: createGraphService(deps),
    posts,
    comments,
    reactions: createReactionsService({ ...deps, posts, comments }),
    moderation: createModerationService(deps),
    feed: createFeedService(deps),
    suggestions: createSuggestionsService(deps),
    search: createSearchService(deps),
    presence: createPresenceService(deps),
  };
}

export type SocialModule = ReturnType<typeof createSocialModule>;
