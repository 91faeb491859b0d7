// What the social module needs from the rest of the platform, handed in by the composition root
// (it never reads another module's tables), and the small helpers every social service shares.
import type { Affiliation, LinkPreview, PersonSummary } from '@edumatrix/contracts';
import type { Db } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { avatarUrl } from './avatars.ts';
import { profilesRepository } from './profiles.repository.ts';

export type SocialDeps = {
  db: Db;
  events: EventPublisher;
  /** Identity: display names of users (absent for unknown ids). */
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /** Institutions: the user's memberships (the source of verified affiliations). */
  institutionsOf(userId: string): Promise<Affiliation[]>;
  /** Institutions: every member of one (suggestions, live pushes of institution posts). */
  memberIds(institutionId: string): Promise<string[]>;
  /** Institutions and courses: who shares classes or courses with the user, and how many (suggestions). */
  sharedLearning?(userId: string): Promise<Map<string, { classes: number; courses: number }>>;
  /** Reads (and caches) a linked page's preview; posts warm it for their readers. */
  linkPreviews?: { get(url: string): Promise<LinkPreview> };
};

/** Names, handles and pictures of people, for presenting authors, requests and mentions. */
export async function summaries(deps: SocialDeps, userIds: string[]): Promise<Map<string, PersonSummary>> {
  const ids = [...new Set(userIds)];
  const [names, cards] = await Promise.all([deps.displayNames(ids), profilesRepository(deps.db).cards(ids)]);
  return new Map(
    ids.map((id) => {
      const card = cards.get(id);
      const summary = { userId: id, displayName: names.get(id) ?? '(deleted user)', handle: card?.handle ?? null };
      return [id, { ...summary, avatarUrl: avatarUrl(id, card?.avatarVersion ?? null) }];
    }),
  );
}

export const summaryOf = (map: Map<string, PersonSummary>, id: string): PersonSummary =>
  map.get(id) ?? { userId: id, displayName: '(deleted user)', handle: null, avatarUrl: null };

/** Asks the notifications module for an inbox entry, in the caller's transaction. */
export async function notify(
  deps: SocialDeps,
  trx: Db,
  request: {
    userId: string;
    kind: string;
    title: string;
    body?: string;
    link: string | null;
    /** Similar requests with this key fold into one entry ("Ana and 4 others liked your post"). */
    groupKey?: string;
    /** Who acted: the name starts `title`, so a group can name several people; the id shows their picture. */
    actor?: { userId: string; name: string };
  },
): Promise<void> {
  const { groupKey, actor, ...rest } = request;
  await deps.events.publish(trx, {
    type: 'notifications.notification_requested',
    key: request.userId,
    payload: {
      ...rest,
      body: rest.body ?? '',
      institutionId: null,
      groupKey: groupKey ?? null,
      actorName: actor?.name ?? null,
      actorId: actor?.userId ?? null,
    },
  });
}

export { isoOf as toIso } from '../../platform/time/zoned.ts';
