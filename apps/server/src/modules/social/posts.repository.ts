// SQL for posts, their versions, and the counts shown with them. The feed query is in feed.repository.ts.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type PostRow = {
  id: string;
  author_id: string;
  body: string;
  visibility: 'public' | 'connections' | 'institution';
  institution_id: string | null;
  repost_of: string | null;
  hashtags: string[];
  mentions: string[];
  created_at: Date | string;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
};

export type NewPost = Omit<PostRow, 'created_at' | 'edited_at' | 'deleted_at'>;

/** A uuid[] literal that is valid when empty too. */
export const uuidArray = (ids: readonly string[]) => (ids.length ? sql`array[${sql.join(ids)}]::uuid[]` : sql`array[]::uuid[]`);

/** Keeps the search's tag rows equal to the post's hashtags (none once deleted). */
async function setTags(db: Db, postId: string, tags: string[]) {
  await sql`delete from social.post_tags where post_id = ${postId}`.execute(db);
  const unique = [...new Set(tags)];
  if (unique.length) await sql`insert into social.post_tags (post_id, tag) select ${postId}, unnest(${unique}::text[])`.execute(db);
}

export function postsRepository(db: Db) {
  return {
    async insert(post: NewPost): Promise<PostRow> {
      const row = (await db
        .insertInto('social.posts')
        .values({ ...post, hashtags: JSON.stringify(post.hashtags), mentions: JSON.stringify(post.mentions) })
        .returningAll()
        .executeTakeFirstOrThrow()) as PostRow;
      await setTags(db, row.id, post.hashtags);
      return row;
    },
    async find(id: string): Promise<PostRow | undefined> {
      return (await db.selectFrom('social.posts').selectAll().where('id', '=', id).executeTakeFirst()) as PostRow | undefined;
    },
    async findMany(ids: string[]): Promise<PostRow[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('social.posts').selectAll().where('id', 'in', ids).execute()) as PostRow[];
    },
    async updateBody(id: string, patch: { body: string; hashtags: string[]; mentions: string[] }): Promise<PostRow> {
      const row = (await db
        .updateTable('social.posts')
        .set({
          body: patch.body,
          hashtags: JSON.stringify(patch.hashtags),
          mentions: JSON.stringify(patch.mentions),
          edited_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()) as PostRow;
      await setTags(db, id, patch.hashtags);
      return row;
    },
    async softDelete(id: string) {
      await db.updateTable('social.posts').set({ deleted_at: new Date() }).where('id', '=', id).where('deleted_at', 'is', null).execute();
      await setTags(db, id, []);
    },
    async insertVersion(row: { id: string; post_id: string; body: string; created_at: Date | string }) {
      await db.insertInto('social.post_versions').values(row).execute();
    },
    async versions(postId: string): Promise<{ body: string; created_at: Date | string }[]> {
      return db
        .selectFrom('social.post_versions')
        .select(['body', 'created_at'])
        .where('post_id', '=', postId)
        .orderBy('id', 'desc')
        .execute();
    },
    /** Comments, reposts and reactions of the given posts (deleted comments and reposts not counted). */
    async stats(ids: string[], viewerId: string) {
      const comments = new Map<string, number>();
      const reposts = new Map<string, number>();
      const reactions = new Map<string, Record<string, number>>();
      const mine = new Map<string, string>();
      if (ids.length === 0) return { comments, reposts, reactions, mine };
      const list = uuidArray(ids);
      const [c, r, x, m] = await Promise.all([
        sql<{ id: string; n: number }>`select post_id as id, count(*)::int as n from social.comments
          where post_id = any(${list}) and deleted_at is null group by post_id`.execute(db),
        sql<{ id: string; n: number }>`select repost_of as id, count(*)::int as n from social.posts
          where repost_of = any(${list}) and deleted_at is null group by repost_of`.execute(db),
        sql<{ id: string; kind: string; n: number }>`select target_id as id, kind, count(*)::int as n from social.reactions
          where target_id = any(${list}) group by target_id, kind`.execute(db),
        sql<{ id: string; kind: string }>`select target_id as id, kind from social.reactions
          where target_id = any(${list}) and user_id = ${viewerId}`.execute(db),
      ]);
      for (const row of c.rows) comments.set(row.id, row.n);
      for (const row of r.rows) reposts.set(row.id, row.n);
      for (const row of x.rows) reactions.set(row.id, { ...reactions.get(row.id), [row.kind]: row.n });
      for (const row of m.rows) mine.set(row.id, row.kind);
      return { comments, reposts, reactions, mine };
    },
  };
}
