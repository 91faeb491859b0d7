// Chat: direct and group conversations, messages ordered by a per-conversation sequence number,
// threads, reactions, read receipts and attachments. Shared by the server, the web app and the client.
import { z } from 'zod';

export const GROUP_MAX_MEMBERS = 256;
export const MESSAGE_MAX_LENGTH = 4000;
export const MESSAGE_MAX_ATTACHMENTS = 10;
/** The reactions offered: a small fixed set keeps counts meaningful and the UI simple. */
export const REACTION_EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🎉', '👀'] as const;
export const ReactionEmoji = z.enum(REACTION_EMOJI, { error: `must be one of ${REACTION_EMOJI.join(' ')}` });
export type ReactionEmoji = z.infer<typeof ReactionEmoji>;

export const ConversationKind = z.enum(['direct', 'group']);
export const MemberRole = z.enum(['admin', 'member']);
export type ChatMemberRole = z.infer<typeof MemberRole>;

/** The client's idempotency key for a message: resending it returns the stored message. */
const ClientId = z.string().trim().min(1, 'is required').max(100);

export const CreateDirectBody = z.strictObject({ userId: z.uuid() });
export type CreateDirectBody = z.infer<typeof CreateDirectBody>;

export const CreateGroupBody = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(100),
  /** The other members; the creator joins as the first admin. */
  memberIds: z.array(z.uuid()).max(GROUP_MAX_MEMBERS - 1),
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export const UpdateGroupBody = z.strictObject({ title: z.string().trim().min(1, 'is required').max(100) });
export type UpdateGroupBody = z.infer<typeof UpdateGroupBody>;

export const AddMembersBody = z.strictObject({ userIds: z.array(z.uuid()).min(1, 'name at least one person').max(GROUP_MAX_MEMBERS) });
export type AddMembersBody = z.infer<typeof AddMembersBody>;

export const UpdateChatMemberBody = z.strictObject({ role: MemberRole });
export type UpdateChatMemberBody = z.infer<typeof UpdateChatMemberBody>;

export const SendMessageBody = z.strictObject({
  clientId: ClientId,
  body: z.string().max(MESSAGE_MAX_LENGTH).default(''),
  /** A message of this conversation: the new one joins its thread. */
  replyTo: z.uuid().optional(),
  /** Uploads to this conversation not yet used by another message. */
  attachmentIds: z.array(z.uuid()).max(MESSAGE_MAX_ATTACHMENTS).default([]),
});
export type SendMessageBody = z.input<typeof SendMessageBody>;

/** The socket form of sending: the same body, naming its conversation. */
export const SendMessageCommand = SendMessageBody.extend({ conversationId: z.uuid() });
export type SendMessageCommand = z.input<typeof SendMessageCommand>;

export const EditMessageBody = z.strictObject({ body: z.string().trim().min(1, 'is required').max(MESSAGE_MAX_LENGTH) });
export type EditMessageBody = z.infer<typeof EditMessageBody>;

export const ReadBody = z.strictObject({ seq: z.number().int().min(0) });
export type ReadBody = z.infer<typeof ReadBody>;
export const ReadCommand = ReadBody.extend({ conversationId: z.uuid() });
export type ReadCommand = z.infer<typeof ReadCommand>;

export const MessageQuery = z.strictObject({
  /** Older than this sequence number (the newest page when neither is given). */
  before: z.coerce.number().int().min(1).optional(),
  /** Newer than this sequence number, oldest first (catching up over HTTP). */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type MessageQuery = z.infer<typeof MessageQuery>;

export const MessageSearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'is required').max(200),
  /** Older than this sequence number (the next page of results). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type MessageSearchQuery = z.infer<typeof MessageSearchQuery>;

export const ConversationQuery = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ConversationQuery = z.infer<typeof ConversationQuery>;

export const Attachment = z.object({ id: z.uuid(), name: z.string(), type: z.string(), size: z.number().int() });
export type Attachment = z.infer<typeof Attachment>;

export const Reaction = z.object({ emoji: z.string(), userIds: z.array(z.uuid()) });

export const Message = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  /** Per conversation, from 1, without gaps: the delivery order. */
  seq: z.number().int(),
  clientId: z.string(),
  senderId: z.uuid(),
  body: z.string(),
  /** The root message of the thread this one replies in. */
  threadId: z.uuid().nullable(),
  replyCount: z.number().int(),
  attachments: z.array(Attachment),
  reactions: z.array(Reaction),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type Message = z.infer<typeof Message>;

export const MessagePage = z.object({ items: z.array(Message), hasMore: z.boolean() });
export type MessagePage = z.infer<typeof MessagePage>;

export const ChatMember = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  /** Their profile picture, or null for initials. */
  avatarUrl: z.string().nullable(),
  role: MemberRole,
  joinedAt: z.string(),
  /** Read receipt: the last message this member has read. */
  lastReadSeq: z.number().int(),
});
export type ChatMember = z.infer<typeof ChatMember>;

export const Conversation = z.object({
  id: z.uuid(),
  kind: ConversationKind,
  /** A group's title; for a direct conversation, the other person's name. */
  title: z.string(),
  /** For a direct conversation, the other person's picture; null for groups and people without one. */
  avatarUrl: z.string().nullable(),
  lastSeq: z.number().int(),
  lastMessageAt: z.string().nullable(),
  lastMessage: Message.nullable(),
  unreadCount: z.number().int(),
  myRole: MemberRole,
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationDetail = Conversation.extend({ members: z.array(ChatMember) });
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** Unread over all of one's conversations: how many have something unread, and how many messages. */
export const ChatUnread = z.object({ conversations: z.number().int(), messages: z.number().int() });
export type ChatUnread = z.infer<typeof ChatUnread>;

/** Pushed to the conversation's room and its members' user rooms when its members change. */
export type ChatMembersPush = { conversationId: string; memberIds: string[]; removedIds: string[] };
/** Pushed when a member's read position moves. */
export type ChatReadPush = { conversationId: string; userId: string; seq: number };
