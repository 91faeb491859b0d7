// The feed query, fan-out on read: for each author the viewer follows or is connected to (and
// themselves), a LATERAL scan of posts_author_idx takes at most `limit` newest visible posts; each
// of the viewer's institutions adds its newest institution posts the same way. The union is cut to
// one page by id before any post row is read (the scans are index-only: posts_author_idx covers
// the visibility columns). Visibility is checked inside each scan, so a run of hidden posts never
// pushes older visible ones past the page.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { type PostRow, uuidArray } from './posts.repository.ts';

export type FeedArgs = {
  viewerId: string;
  institutionIds: string[];
  /** Only posts older than this id (the cursor). */
  beforeId: string | null;
  limit: number;
  /** Only these authors (a person's own timeline) instead of everyone the viewer follows. */
  authorId?: string;
};

export async function feedRows(db: Db, args: FeedArgs): Promise<PostRow[]> {
  const me = args.viewerId;
  const insts = uuidArray(args.institutionIds);
  const before = args.beforeId ? sql`and p.id < ${args.beforeId}` : sql``;
  const authors = args.authorId
    ? sql`select ${args.authorId}::uuid as id`
    : sql`select ${me}::uuid as id
        union select followee_id from social.follows where follower_id = ${me}
        union select other_id from social.connections where user_id = ${me}`;
  const institutionPosts = args.authorId
    ? sql``
    : sql`union
      select p.id from unnest(${insts}) as i(id) cross join lateral (
        select p.id from social.posts p
        where p.institution_id = i.id and p.visibility = 'institution' and p.deleted_at is null ${before}
          and p.author_id not in (select id from hidden)
        order by p.id desc limit ${args.limit}
      ) p`;
  // Muting hides someone from the feed only; their own timeline still shows them.
  const mutes = args.authorId ? sql`` : sql`select muted_id as id from social.mutes where muter_id = ${me} union`;
  return rowsOf<PostRow>(
    db,
    sql`with hidden as (
      ${mutes}
      select blocked_id as id from social.blocks where blocker_id = ${me}
      union select blocker_id from social.blocks where blocked_id = ${me}
    ), authors as (
      select a.id from (${authors}) a where a.id not in (select id from hidden) or a.id = ${me}
    ), conns as (
      select other_id as id from social.connections where user_id = ${me}
    ), candidates as (
      select p.id from authors a cross join lateral (
        select p.id from social.posts p
        where p.author_id = a.id and p.deleted_at is null ${before}
          and (p.author_id = ${me}
            or p.visibility = 'public'
            or (p.visibility = 'connections' and a.id in (select id from conns))
            or (p.visibility = 'institution' and p.institution_id = any(${insts})))
        order by p.id desc limit ${args.limit}
      ) p
      ${institutionPosts}
    ), page as (
      select id from candidates order by id desc limit ${args.limit}
    )
    select p.* from social.posts p join page on page.id = p.id order by p.id desc`,
  );
}

/** Posts carrying `tag` that the viewer may see, newest first, older than the cursor. */
export function taggedRows(
  db: Db,
  args: {
    tag: string;
    viewerId: string;
    connections: string[];
    institutionIds: string[];
    hidden: string[];
    beforeId: string | null;
    limit: number;
  },
): Promise<PostRow[]> {
  return rowsOf<PostRow>(
    db,
    sql`select p.* from social.post_tags t join social.posts p on p.id = t.post_id
      where t.tag = ${args.tag} and p.deleted_at is null ${args.beforeId ? sql`and p.id < ${args.beforeId}` : sql``}
        and not (p.author_id = any(${uuidArray(args.hidden)}))
        and (p.author_id = ${args.viewerId} or p.visibility = 'public'
          or (p.visibility = 'connections' and p.author_id = any(${uuidArray(args.connections)}))
          or (p.visibility = 'institution' and p.institution_id = any(${uuidArray(args.institutionIds)})))
      order by p.id desc limit ${args.limit}`,
  );
}
