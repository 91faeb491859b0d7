// The `social` schema (global): profiles, the graph, posts and what hangs off them. Feed reads go
// author by author over posts_author_idx (fan-out on read, see docs/architecture.md).
import { sql } from 'kysely';
import type { Migration } from '../../platform/migrations/migration.ts';

export const socialMigrations: Migration[] = [
  {
    name: '20261124T1000_social_create',
    scope: 'global',
    async up(db) {
      await sql`create schema social`.execute(db);
      await sql`create table social.profiles (
        user_id uuid primary key,
        handle text unique,
        headline text not null default '',
        bio text not null default '',
        skills jsonb not null default '[]',
        interests jsonb not null default '[]',
        privacy jsonb not null default '{}',
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create table social.follows (
        follower_id uuid not null,
        followee_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (follower_id, followee_id),
        check (follower_id <> followee_id)
      )`.execute(db);
      await sql`create index follows_followee_idx on social.follows (followee_id)`.execute(db);
      await sql`create table social.connection_requests (
        id uuid primary key,
        from_id uuid not null,
        to_id uuid not null,
        message text not null default '',
        status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
        created_at timestamptz not null default now(),
        responded_at timestamptz,
        check (from_id <> to_id)
      )`.execute(db);
      // At most one open request between two people, whichever way it goes.
      await sql`create unique index connection_requests_open_idx on social.connection_requests
        (least(from_id, to_id), greatest(from_id, to_id)) where status = 'pending'`.execute(db);
      await sql`create index connection_requests_to_idx on social.connection_requests (to_id, status)`.execute(db);
      await sql`create index connection_requests_from_idx on social.connection_requests (from_id, status)`.execute(db);
      // A connection is stored both ways, so "my connections" is one index range.
      await sql`create table social.connections (
        user_id uuid not null,
        other_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (user_id, other_id)
      )`.execute(db);
      await sql`create table social.blocks (
        blocker_id uuid not null,
        blocked_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (blocker_id, blocked_id)
      )`.execute(db);
      await sql`create index blocks_blocked_idx on social.blocks (blocked_id)`.execute(db);
      await sql`create table social.mutes (
        muter_id uuid not null,
        muted_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (muter_id, muted_id)
      )`.execute(db);
      await sql`create table social.posts (
        id uuid primary key,
        author_id uuid not null,
        body text not null,
        visibility text not null check (visibility in ('public', 'connections', 'institution')),
        institution_id uuid,
        repost_of uuid references social.posts (id),
        hashtags jsonb not null default '[]',
        mentions jsonb not null default '[]',
        created_at timestamptz not null default now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        check ((visibility = 'institution') = (institution_id is not null))
      )`.execute(db);
      // Covering the visibility columns lets the feed's per-author scans run index-only: only the
      // page's own rows are then read from the table.
      await sql`create index posts_author_idx on social.posts (author_id, id desc) include (visibility, institution_id)
        where deleted_at is null`.execute(db);
      await sql`create index posts_institution_idx on social.posts (institution_id, id desc)
        where deleted_at is null and visibility = 'institution'`.execute(db);
      await sql`create index posts_repost_idx on social.posts (repost_of) where repost_of is not null`.execute(db);
      await sql`create table social.post_versions (
        id uuid primary key,
        post_id uuid not null references social.posts (id),
        body text not null,
        created_at timestamptz not null
      )`.execute(db);
      await sql`create index post_versions_post_idx on social.post_versions (post_id, id)`.execute(db);
      await sql`create table social.comments (
        id uuid primary key,
        post_id uuid not null references social.posts (id),
        parent_id uuid references social.comments (id),
        author_id uuid not null,
        body text not null,
        created_at timestamptz not null default now(),
        deleted_at timestamptz
      )`.execute(db);
      await sql`create index comments_post_idx on social.comments (post_id, id)`.execute(db);
      // One reaction per person per post or comment; counts are read per page (a page is 20 posts).
      await sql`create table social.reactions (
        target_id uuid not null,
        user_id uuid not null,
        target_type text not null check (target_type in ('post', 'comment')),
        kind text not null,
        created_at timestamptz not null default now(),
        primary key (target_id, user_id)
      )`.execute(db);
      await sql`create table social.reports (
        id uuid primary key,
        target_type text not null check (target_type in ('post', 'comment')),
        target_id uuid not null,
        reporter_id uuid not null,
        reason text not null,
        details text not null default '',
        status text not null default 'open' check (status in ('open', 'resolved')),
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create unique index reports_once_idx on social.reports (target_id, reporter_id) where status = 'open'`.execute(db);
      await sql`create index reports_open_idx on social.reports (id desc) where status = 'open'`.execute(db);
    },
  },
  {
    name: '20261124T1300_social_search',
    scope: 'global',
    async up(db) {
      // Trusted extensions (PostgreSQL 13+): a database owner may create them; PGlite loads them.
      await sql`create extension if not exists unaccent`.execute(db);
      await sql`create extension if not exists pg_trgm`.execute(db);
      // Lower case without accents, immutable so indexes may use it ("Müller" finds "muller").
      await sql`create function social.search_text(t text) returns text language sql immutable strict parallel safe
        as $$ select lower(public.unaccent('public.unaccent'::regdictionary, t)) $$`.execute(db);
      // Names live in identity; this copy is kept from its events for search.
      await sql`create table social.people_index (
        user_id uuid primary key,
        name text not null,
        updated_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index people_index_words_idx on social.people_index using gin (to_tsvector('simple', social.search_text(name)))`.execute(
        db,
      );
      await sql`create index people_index_trigram_idx on social.people_index using gin (social.search_text(name) gin_trgm_ops)`.execute(db);
      await sql`create index profiles_handle_prefix_idx on social.profiles (handle text_pattern_ops)`.execute(db);
      await sql`create index posts_words_idx on social.posts using gin (to_tsvector('simple', social.search_text(body)))
        where deleted_at is null`.execute(db);
      // One row per tag of a live post: prefix lookups and counts without scanning posts.
      await sql`create table social.post_tags (
        post_id uuid not null references social.posts (id),
        tag text not null,
        primary key (post_id, tag)
      )`.execute(db);
      await sql`create index post_tags_tag_idx on social.post_tags (tag text_pattern_ops)`.execute(db);
      await sql`insert into social.post_tags (post_id, tag)
        select distinct id, jsonb_array_elements_text(hashtags) from social.posts where deleted_at is null`.execute(db);
    },
  },
  {
    name: '20261124T1400_social_link_previews',
    scope: 'global',
    async up(db) {
      // What a linked page said about itself, kept a day so a popular link is fetched once.
      await sql`create table social.link_previews (
        url text primary key,
        data jsonb not null,
        fetched_at timestamptz not null default now()
      )`.execute(db);
    },
  },
  {
    name: '20261124T1500_social_post_images',
    scope: 'global',
    async up(db) {
      // Uploaded first, then attached to the post that shows them (null until then).
      await sql`create table social.post_images (
        id uuid primary key,
        owner_id uuid not null,
        post_id uuid references social.posts (id),
        position int not null default 0,
        key text not null,
        type text not null,
        width int not null,
        height int not null,
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index post_images_post_idx on social.post_images (post_id, position)`.execute(db);
    },
  },
  {
    name: '20261124T1600_social_comment_mentions',
    scope: 'global',
    async up(db) {
      // The people a comment's @handles named, kept as posts keep theirs so readers get them as
      // links. Older comments start with none; their mentioned people were told when they were written.
      await sql`alter table social.comments add column mentions jsonb not null default '[]'`.execute(db);
    },
  },
  {
    name: '20261124T1700_social_profile_avatars',
    scope: 'global',
    async up(db) {
      // The current profile picture's random version (its URL); null without one.
      await sql`alter table social.profiles add column avatar_version text`.execute(db);
    },
  },
  {
    name: '20261124T1800_social_report_resolutions',
    scope: 'global',
    async up(db) {
      // A moderator's decision on a report: left alone or taken down, by whom, when, and why. No
      // report could be resolved before this, so every resolved row has a resolution.
      await sql`alter table social.reports
        add column resolution text check (resolution in ('dismissed', 'removed')),
        add column resolved_by uuid,
        add column resolved_at timestamptz,
        add column note text not null default '',
        add constraint reports_decided_check check ((status = 'open') = (resolution is null))`.execute(db);
    },
  },
];
