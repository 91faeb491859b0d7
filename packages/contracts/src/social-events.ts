// Events of the social module (Students Interlinked), spread into the platform's event catalog.
// Ids only, no post text: consumers that need content ask the social module.
import { z } from 'zod';
import type { EventDefinition } from './events.ts';

const p2 = <S extends z.ZodType>(payload: S) => ({ version: 1, priority: 'p2' as const, payload });

export const socialEvents = {
  'social.followed': p2(z.object({ followerId: z.uuid(), followeeId: z.uuid() })),
  'social.connection_requested': p2(z.object({ requestId: z.uuid(), fromId: z.uuid(), toId: z.uuid() })),
  'social.connection_accepted': p2(z.object({ requestId: z.uuid(), fromId: z.uuid(), toId: z.uuid() })),
  /** p1: followers online hear of it live (`feed:new_post`). */
  'social.post_created': {
    version: 1,
    priority: 'p1' as const,
    payload: z.object({
      postId: z.uuid(),
      authorId: z.uuid(),
      visibility: z.enum(['public', 'connections', 'institution']),
      institutionId: z.uuid().nullable(),
      hashtags: z.array(z.string()),
      repostOf: z.uuid().nullable(),
    }),
  },
  'social.commented': p2(
    z.object({ commentId: z.uuid(), postId: z.uuid(), parentId: z.uuid().nullable(), authorId: z.uuid(), postAuthorId: z.uuid() }),
  ),
  'social.reacted': p2(
    z.object({
      targetType: z.enum(['post', 'comment']),
      targetId: z.uuid(),
      postId: z.uuid(),
      userId: z.uuid(),
      ownerId: z.uuid(),
      kind: z.string(),
    }),
  ),
  'social.mentioned': p2(z.object({ postId: z.uuid(), commentId: z.uuid().nullable(), authorId: z.uuid(), mentionedId: z.uuid() })),
} satisfies Record<string, EventDefinition>;
