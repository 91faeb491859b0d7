// The chat schema's tables as Kysely sees them; only this module's repositories use them.
import type { Generated, Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type ConversationTable = {
  id: string;
  kind: 'direct' | 'group';
  title: string;
  direct_key: string | null;
  created_by: string;
  last_seq: Generated<number>;
  last_message_at: Date | null;
  created_at: Generated<Date>;
};
export type MemberTable = {
  conversation_id: string;
  user_id: string;
  role: 'admin' | 'member';
  joined_at: Generated<Date>;
  last_read_seq: Generated<number>;
};
export type MessageTable = {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_id: string;
  body: string;
  thread_id: string | null;
  reply_count: Generated<number>;
  created_at: Generated<Date>;
  edited_at: Date | null;
  deleted_at: Date | null;
};
export type AttachmentTable = {
  id: string;
  conversation_id: string;
  uploader_id: string;
  message_id: string | null;
  storage_key: string;
  name: string;
  type: string;
  size: number;
  created_at: Generated<Date>;
};
export type ReactionTable = { message_id: string; user_id: string; emoji: string; created_at: Generated<Date> };

export type ChatTables = {
  'chat.conversations': ConversationTable;
  'chat.members': MemberTable;
  'chat.messages': MessageTable;
  'chat.attachments': AttachmentTable;
  'chat.reactions': ReactionTable;
};

export const chatDb = (db: Db) => db as Kysely<ChatTables>;
