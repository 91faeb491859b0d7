// Feed reads at scale: 10,000 users and 1,000,000 posts generated with SQL (generate_series) into a
// PostgreSQL database of their own, then the social module's real feed query (and the per-page
// counts) read for random viewers, against a trivial indexed lookup (one author's newest 20 posts)
// measured in the same run. Needs PostgreSQL: BENCH_DATABASE_URL (an admin URL) or a throwaway
// server of its own.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { allMigrations } from '../apps/server/src/modules/all-migrations.ts';
import { feedRows } from '../apps/server/src/modules/social/feed.repository.ts';
import { postsRepository } from '../apps/server/src/modules/social/posts.repository.ts';
import type { Db } from '../apps/server/src/platform/db/database.ts';
import { migrate } from '../apps/server/src/platform/migrations/runner.ts';
import type { Row } from './report.ts';
import { now } from './stats.ts';

const USERS = Number(process.env.BENCH_FEED_USERS ?? 10_000);
const POSTS = Number(process.env.BENCH_FEED_POSTS ?? 1_000_000);
const FOLLOWS_PER_USER = 50;
const CONNECTIONS_PER_USER = 10;
const INSTITUTIONS = 20;
const SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 8);
const CONCURRENCY = 4;
const PAGE = 20;
const DATABASE = 'bench_feed';

/** UUIDv7-shaped ids from a millisecond time and a seed: ordered by time like the server's own. */
const v7 = (ms: string, seed: string) =>
  `(lpad(to_hex(${ms}), 12, '0') || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`;

/** Institution ids the same way, from an SQL expression giving its number (0 … INSTITUTIONS - 1). */
const institutionId = (n: string) => v7(`(1600000000000 + (${n}))::bigint`, `'i' || (${n})`);

async function generate(db: Db) {
  const t0 = now();
  await sql`create temporary table bench_users as
    select g as n, ${sql.raw(v7('(1700000000000 + g)::bigint', "'u' || g"))} as id from generate_series(1, ${USERS}) g`.execute(db);
  await sql`create unique index on bench_users (n)`.execute(db);
  // Each user follows FOLLOWS_PER_USER others (spread deterministically), and is connected to some.
  await sql`insert into social.follows (follower_id, followee_id)
    select a.id, b.id from bench_users a cross join generate_series(1, ${FOLLOWS_PER_USER}) k
    join bench_users b on b.n = 1 + ((a.n * 7919 + k * 104729) % ${USERS})
    where a.id <> b.id on conflict do nothing`.execute(db);
  await sql`insert into social.connections (user_id, other_id)
    select a.id, b.id from bench_users a cross join generate_series(1, ${CONNECTIONS_PER_USER / 2}) k
    join bench_users b on b.n = 1 + ((a.n + k * 211) % ${USERS})
    where a.id <> b.id on conflict do nothing`.execute(db);
  await sql`insert into social.connections (user_id, other_id) select other_id, user_id from social.connections on conflict do nothing`.execute(
    db,
  );
  // 1,000,000 posts over the last ~8 hours, 30 ms apart: 90 % public, 8 % connections, 2 % institution.
  await sql`insert into social.posts (id, author_id, body, visibility, institution_id, created_at)
    select ${sql.raw(v7('(extract(epoch from now()) * 1000)::bigint - (g::bigint * 30)', "'p' || g"))},
      u.id, 'Post number ' || g || ' #bench',
      case when g % 50 = 0 then 'institution' when g % 12 = 0 then 'connections' else 'public' end,
      case when g % 50 = 0 then ${sql.raw(institutionId(`u.n % ${INSTITUTIONS}`))} end,
      now() - make_interval(secs => g * 0.03)
    from generate_series(1, ${POSTS}) g join bench_users u on u.n = 1 + ((g * 2654435761) % ${USERS})`.execute(db);
  // As autovacuum would have by now: statistics, and the visibility map index-only scans rely on.
  await sql`vacuum (analyze) social.posts`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ follows: number; connections: number; posts: number }>`select
    (select count(*)::int from social.follows) as follows, (select count(*)::int from social.connections) as connections,
    (select count(*)::int from social.posts) as posts`.execute(db);
  const users = await sql<{ id: string; n: number }>`select id, n from bench_users order by n`.execute(db);
  return { ms: now() - t0, counts: counts.rows[0], users: users.rows };
}

type Timed = { perSecond: number; p50: number; p95: number; p99: number; samples: number };

/** CONCURRENCY loops run `op` for SECONDS; latency per call and calls per second overall. */
async function measure(op: (i: number) => Promise<unknown>): Promise<Timed> {
  for (let i = 0; i < 50; i++) await op(i); // warm-up
  const samples: number[] = [];
  const end = now() + SECONDS * 1000;
  let counter = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (now() < end) {
        const t = now();
        await op(counter++);
        samples.push(now() - t);
      }
    }),
  );
  const elapsed = now() - start;
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN) * 100) / 100;
  return { perSecond: (samples.length / elapsed) * 1000, p50: at(50), p95: at(95), p99: at(99), samples: samples.length };
}

export async function benchFeed(services: { databaseUrl: string }) {
  const admin = new pg.Client({ connectionString: services.databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const url = new URL(services.databaseUrl);
  url.pathname = `/${DATABASE}`;
  const db: Db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY + 1 }) }),
  });
  try {
    await migrate(db, allMigrations);
    process.stdout.write(`feed: generating ${USERS} users and ${POSTS} posts...\n`);
    const data = await generate(db);
    process.stdout.write(`feed: generated in ${Math.round(data.ms / 1000)} s: ${JSON.stringify(data.counts)}\n`);
    const users = data.users;
    const pick = (i: number) => users[(i * 7919) % users.length] as { id: string; n: number };
    const institutionOf = async (n: number) =>
      (await sql<{ id: string }>`select ${sql.raw(institutionId(String(n)))} as id`.execute(db)).rows[0]?.id as string;
    const insts = await Promise.all(Array.from({ length: INSTITUTIONS }, (_, i) => institutionOf(i)));
    // A cursor four hours back: a deep page, where each author's recent posts are all skipped.
    const deep =
      (await sql<{ id: string }>`select id from social.posts order by id desc offset ${Math.floor(POSTS / 2)} limit 1`.execute(db)).rows[0]
        ?.id ?? null;

    const ceiling = await measure((i) =>
      db
        .selectFrom('social.posts')
        .selectAll()
        .where('author_id', '=', pick(i).id)
        .where('deleted_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(PAGE)
        .execute(),
    );
    const feedArgs = (i: number, beforeId: string | null) => {
      const u = pick(i);
      return { viewerId: u.id, institutionIds: [insts[u.n % INSTITUTIONS] as string], beforeId, limit: PAGE + 1 };
    };
    const firstPage = await measure((i) => feedRows(db, feedArgs(i, null)));
    const deepPage = await measure((i) => feedRows(db, feedArgs(i, deep)));
    const withCounts = await measure(async (i) => {
      const rows = await feedRows(db, feedArgs(i, null));
      await postsRepository(db).stats(
        rows.map((r) => r.id),
        pick(i).id,
      );
    });
    // The shared table has p50 and p99 columns; p95 rides in the scenario's name.
    const row = (scenario: string, m: Timed): Row => ({
      scenario: `${scenario} (p95 ${m.p95.toFixed(2)} ms)`,
      perSecond: m.perSecond,
      ratio: m.perSecond / ceiling.perSecond,
      p50: m.p50,
      p99: m.p99,
      p99Ratio: m.p99 / ceiling.p99,
    });
    const rows = [
      row('ceiling: one author, newest 20 (posts_author_idx)', ceiling),
      row('feed, first page (~60 authors + institution)', firstPage),
      row('feed, page 4 h deep (cursor)', deepPage),
      row('feed, first page + comment/reaction/repost counts', withCounts),
    ];
    return {
      title: `Feed reads, ${USERS.toLocaleString('en-US')} users and ${POSTS.toLocaleString('en-US')} posts on PostgreSQL, ${CONCURRENCY} concurrent readers: pages/s`,
      rows,
      measured: { generateMs: Math.round(data.ms), counts: data.counts, ceiling, firstPage, deepPage, withCounts },
    };
  } finally {
    await db.destroy();
  }
}
