// The chat schema. Messages carry a per-conversation sequence number handed out under the
// conversation's row lock (last_seq), so delivery order, catch-up and unread counts all read it.
import { sql } from 'kysely';
import type { Migration } from '../../platform/migrations/migration.ts';

export const chatMigrations: Migration[] = [
  {
    name: '20261124T1100_chat_create_conversations',
    scope: 'global',
    async up(db) {
      await sql`create schema chat`.execute(db);
      await sql`create table chat.conversations (
        id uuid primary key,
        kind text not null check (kind in ('direct', 'group')),
        title text not null default '',
        -- 'a:b' with the two user ids sorted: one direct conversation per pair.
        direct_key text unique,
        created_by uuid not null,
        last_seq integer not null default 0,
        last_message_at timestamptz,
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create table chat.members (
        conversation_id uuid not null references chat.conversations (id) on delete cascade,
        user_id uuid not null,
        role text not null default 'member' check (role in ('admin', 'member')),
        joined_at timestamptz not null default clock_timestamp(),
        last_read_seq integer not null default 0,
        primary key (conversation_id, user_id)
      )`.execute(db);
      await sql`create index chat_members_user_idx on chat.members (user_id)`.execute(db);
      await sql`create table chat.messages (
        id uuid primary key,
        conversation_id uuid not null references chat.conversations (id) on delete cascade,
        seq integer not null,
        sender_id uuid not null,
        client_id text not null,
        body text not null default '',
        thread_id uuid references chat.messages (id),
        reply_count integer not null default 0,
        created_at timestamptz not null default now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        unique (conversation_id, seq),
        unique (conversation_id, sender_id, client_id)
      )`.execute(db);
      await sql`create index chat_messages_thread_idx on chat.messages (thread_id, seq) where thread_id is not null`.execute(db);
      await sql`create table chat.attachments (
        id uuid primary key,
        conversation_id uuid not null references chat.conversations (id) on delete cascade,
        uploader_id uuid not null,
        message_id uuid references chat.messages (id) on delete set null,
        storage_key text not null,
        name text not null,
        type text not null,
        size integer not null,
        created_at timestamptz not null default now()
      )`.execute(db);
      await sql`create index chat_attachments_message_idx on chat.attachments (message_id) where message_id is not null`.execute(db);
      await sql`create table chat.reactions (
        message_id uuid not null references chat.messages (id) on delete cascade,
        user_id uuid not null,
        emoji text not null,
        created_at timestamptz not null default now(),
        primary key (message_id, user_id, emoji)
      )`.execute(db);
    },
  },
];
