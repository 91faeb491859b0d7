// Conversations and their members: one direct conversation per pair (created idempotently), groups
// of up to GROUP_MAX_MEMBERS run by their admins, read positions and unread counts.
import {
  type AddMembersBody,
  type ChatMember,
  type ChatMembersPush,
  type ChatReadPush,
  type Conversation,
  type ConversationDetail,
  type ConversationQuery,
  type CreateGroupBody,
  GROUP_MAX_MEMBERS,
  type Page,
} from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../platform/http/cursor.ts';
import { isoOf } from '../../platform/time/zoned.ts';
import { type ChatDeps, conversationRoom, notificationGroupOf, userRoom } from './chat.deps.ts';
import {
  adminRequired,
  blockedPair,
  conversationNotFound,
  groupFull,
  lastAdmin,
  memberNotFound,
  notAGroup,
  selfConversation,
  unknownUsers,
} from './chat.errors.ts';
import { presentMessages } from './chat.present.ts';
import { type ConversationRow, conversationsRepository, type ListedRow } from './conversations.repository.ts';
import { messagesRepository } from './messages.repository.ts';

export type ConversationsService = ReturnType<typeof createConversationsService>;

/** The conversation and the caller's membership; 404 for non-members. */
export async function requireMember(db: Db, conversationId: string, userId: string) {
  const repo = conversationsRepository(db);
  const [conversation, member] = await Promise.all([repo.get(conversationId), repo.member(conversationId, userId)]);
  if (!conversation || !member) throw conversationNotFound();
  return { conversation, member };
}

export function createConversationsService(deps: ChatDeps) {
  const repo = conversationsRepository(deps.db);

  async function present(rows: ListedRow[]): Promise<Conversation[]> {
    const others = rows.flatMap((r) => (r.kind === 'direct' && r.other_id ? [r.other_id] : []));
    const [names, pictures] = await Promise.all([deps.displayNames(others), deps.avatarUrls(others)]);
    const last = await presentMessages(deps.db, await messagesRepository(deps.db).lastOf(rows.map((r) => r.id)));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.kind === 'direct' ? (names.get(r.other_id ?? '') ?? 'Unknown person') : r.title,
      avatarUrl: r.kind === 'direct' ? (pictures.get(r.other_id ?? '') ?? null) : null,
      lastSeq: Number(r.last_seq),
      lastMessageAt: r.last_message_at ? isoOf(r.last_message_at) : null,
      lastMessage: last.find((m) => m.conversationId === r.id) ?? null,
      unreadCount: Number(r.unread),
      myRole: r.role,
      memberCount: Number(r.member_count),
      createdAt: isoOf(r.created_at),
    }));
  }

  async function detail(userId: string, conversationId: string): Promise<ConversationDetail> {
    const [row] = await repo.listFor(userId, { limit: 1, only: conversationId });
    if (!row) throw conversationNotFound();
    const [conversation] = (await present([row])) as [Conversation];
    const members = await repo.members(conversationId);
    const ids = members.map((m) => m.user_id);
    const [names, pictures] = await Promise.all([deps.displayNames(ids), deps.avatarUrls(ids)]);
    return {
      ...conversation,
      members: members.map(
        (m): ChatMember => ({
          userId: m.user_id,
          displayName: names.get(m.user_id) ?? 'Unknown person',
          avatarUrl: pictures.get(m.user_id) ?? null,
          role: m.role,
          joinedAt: isoOf(m.joined_at),
          lastReadSeq: Number(m.last_read_seq),
        }),
      ),
    };
  }

  /** Tells everyone concerned that the members changed; the removed stop hearing the room at once. */
  function membersChanged(conversationId: string, memberIds: string[], removedIds: string[] = []) {
    const live = deps.live();
    if (!live) return;
    const room = conversationRoom(conversationId);
    for (const id of removedIds) live.leave(userRoom(id), room);
    const push: ChatMembersPush = { conversationId, memberIds, removedIds };
    live.push([room, ...[...memberIds, ...removedIds].map(userRoom)], 'chat:members', push);
  }

  async function requireUsers(ids: string[], field: string) {
    const names = await deps.displayNames(ids);
    if (ids.some((id) => !names.has(id))) throw unknownUsers(field);
  }

  /** Someone who blocked the caller gets the answer for someone who does not exist; one the caller blocked, a refusal. */
  async function requireUnblocked(userId: string, others: string[], field: string) {
    const states = await Promise.all(others.map((o) => deps.blockState(userId, o)));
    if (states.some((s) => s.bBlockedA)) throw unknownUsers(field);
    if (states.some((s) => s.aBlockedB)) throw blockedPair();
  }

  /** Runs `change` under the conversation's row lock, as one of its admins. */
  async function asAdmin<T>(userId: string, conversationId: string, change: (trx: Db, conversation: ConversationRow) => Promise<T>) {
    return deps.db.transaction().execute(async (trx) => {
      const conversation = await conversationsRepository(trx).lock(conversationId);
      const me = conversation && (await conversationsRepository(trx).member(conversationId, userId));
      if (!conversation || !me) throw conversationNotFound();
      if (conversation.kind !== 'group') throw notAGroup();
      if (me.role !== 'admin') throw adminRequired();
      return change(trx, conversation);
    });
  }

  /** Leaves a group; when its last admin leaves, the oldest remaining member becomes admin. */
  async function leave(userId: string, conversationId: string): Promise<void> {
    const remaining = await deps.db.transaction().execute(async (trx) => {
      const r = conversationsRepository(trx);
      const conversation = await r.lock(conversationId);
      const me = conversation && (await r.member(conversationId, userId));
      if (!conversation || !me) throw conversationNotFound();
      if (conversation.kind !== 'group') throw notAGroup();
      await r.removeMember(conversationId, userId);
      const rest = await r.members(conversationId);
      const heir = rest[0];
      if (heir && !rest.some((m) => m.role === 'admin')) await r.setRole(conversationId, heir.user_id, 'admin');
      return rest.map((m) => m.user_id);
    });
    membersChanged(conversationId, remaining, [userId]);
  }

  const memberIdsOf = async (conversationId: string) => (await repo.members(conversationId)).map((m) => m.user_id);

  return {
    detail,

    /** The pair's conversation, created on first use: `created` says which. */
    async createDirect(userId: string, otherId: string): Promise<{ conversation: ConversationDetail; created: boolean }> {
      if (otherId === userId) throw selfConversation();
      await requireUsers([otherId], 'userId');
      await requireUnblocked(userId, [otherId], 'userId');
      const key = [userId, otherId].sort().join(':');
      const existing = await repo.findDirect(key);
      if (existing) return { conversation: await detail(userId, existing.id), created: false };
      const id = uuidv7();
      const inserted = await deps.db.transaction().execute(async (trx) => {
        const result = await conversationsRepository(trx).insert({ id, kind: 'direct', title: '', direct_key: key, created_by: userId });
        // A concurrent request created it first: answer that one.
        if (!result) return false;
        await conversationsRepository(trx).addMembers(id, [
          { userId, role: 'member' },
          { userId: otherId, role: 'member' },
        ]);
        return true;
      });
      const conversationId = inserted ? id : ((await repo.findDirect(key))?.id as string);
      if (inserted) membersChanged(conversationId, [userId, otherId]);
      return { conversation: await detail(userId, conversationId), created: inserted };
    },

    async createGroup(userId: string, body: CreateGroupBody): Promise<ConversationDetail> {
      const others = [...new Set(body.memberIds)].filter((id) => id !== userId);
      await requireUsers(others, 'memberIds');
      await requireUnblocked(userId, others, 'memberIds');
      const id = uuidv7();
      await deps.db.transaction().execute(async (trx) => {
        await conversationsRepository(trx).insert({ id, kind: 'group', title: body.title, direct_key: null, created_by: userId });
        await conversationsRepository(trx).addMembers(id, [
          { userId, role: 'admin' },
          ...others.map((o) => ({ userId: o, role: 'member' as const })),
        ]);
        await recordAudit(trx, { action: 'chat.group_created', targetType: 'conversation', targetId: id, after: { memberIds: others } });
      });
      membersChanged(id, [userId, ...others]);
      return detail(userId, id);
    },

    async list(userId: string, query: ConversationQuery & { limit: number }): Promise<Page<Conversation>> {
      const after = query.cursor ? decodeKeyCursor(query.cursor) : undefined;
      const rows = await repo.listFor(userId, {
        limit: query.limit + 1,
        ...(after ? { after: { activity: after.key, id: after.id } } : {}),
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await present(page),
        nextCursor: rows.length > query.limit && last ? encodeKeyCursor(last.activity, last.id) : null,
      };
    },

    async rename(userId: string, conversationId: string, title: string) {
      await asAdmin(userId, conversationId, async (trx, conversation) => {
        await conversationsRepository(trx).setTitle(conversationId, title);
        await recordAudit(trx, {
          action: 'chat.group_renamed',
          targetType: 'conversation',
          targetId: conversationId,
          before: { title: conversation.title },
          after: { title },
        });
      });
      membersChanged(conversationId, await memberIdsOf(conversationId));
      return detail(userId, conversationId);
    },

    async addMembers(userId: string, conversationId: string, body: AddMembersBody) {
      const wanted = [...new Set(body.userIds)];
      await requireUsers(wanted, 'userIds');
      await requireUnblocked(
        userId,
        wanted.filter((id) => id !== userId),
        'userIds',
      );
      await asAdmin(userId, conversationId, async (trx) => {
        const current = new Set((await conversationsRepository(trx).members(conversationId)).map((m) => m.user_id));
        const added = wanted.filter((id) => !current.has(id));
        if (current.size + added.length > GROUP_MAX_MEMBERS) throw groupFull(GROUP_MAX_MEMBERS);
        await conversationsRepository(trx).addMembers(
          conversationId,
          added.map((id) => ({ userId: id, role: 'member' as const })),
        );
        await recordAudit(trx, { action: 'chat.members_added', targetType: 'conversation', targetId: conversationId, after: { added } });
      });
      membersChanged(conversationId, await memberIdsOf(conversationId));
      return detail(userId, conversationId);
    },

    async removeMember(userId: string, conversationId: string, targetId: string): Promise<void> {
      if (targetId === userId) return leave(userId, conversationId);
      await asAdmin(userId, conversationId, async (trx) => {
        if (!(await conversationsRepository(trx).member(conversationId, targetId))) throw memberNotFound();
        await conversationsRepository(trx).removeMember(conversationId, targetId);
        await recordAudit(trx, {
          action: 'chat.member_removed',
          targetType: 'conversation',
          targetId: conversationId,
          before: { targetId },
        });
      });
      membersChanged(conversationId, await memberIdsOf(conversationId), [targetId]);
    },

    async setRole(userId: string, conversationId: string, targetId: string, role: 'admin' | 'member') {
      await asAdmin(userId, conversationId, async (trx) => {
        const members = await conversationsRepository(trx).members(conversationId);
        const target = members.find((m) => m.user_id === targetId);
        if (!target) throw memberNotFound();
        if (role === 'member' && target.role === 'admin' && members.filter((m) => m.role === 'admin').length === 1) throw lastAdmin();
        await conversationsRepository(trx).setRole(conversationId, targetId, role);
        await recordAudit(trx, {
          action: 'chat.member_role_changed',
          targetType: 'conversation',
          targetId: conversationId,
          before: { targetId, role: target.role },
          after: { targetId, role },
        });
      });
      membersChanged(conversationId, await memberIdsOf(conversationId));
      return detail(userId, conversationId);
    },

    leave,

    /**
     * Moves the caller's read position forward (never past the last message); pushes the receipt.
     * Once nothing is left unread, the conversation's message notifications are read too (a partial
     * or stale receipt leaves them: they may be about messages not yet seen).
     */
    async markRead(userId: string, conversationId: string, seq: number) {
      const { conversation } = await requireMember(deps.db, conversationId, userId);
      // The read position and the notifications' read request commit together.
      const { lastReadSeq, unreadCount } = await deps.db.transaction().execute(async (trx) => {
        const r = conversationsRepository(trx);
        const updated = await r.markRead(conversationId, userId, Math.min(seq, Number(conversation.last_seq)));
        if (!updated) throw conversationNotFound();
        const [row] = await r.listFor(userId, { limit: 1, only: conversationId });
        const unread = Number(row?.unread ?? 0);
        // Through the outbox, keyed by the reader like the requests: applied after every notification
        // asked for before it, even one the notifications consumer has not stored yet.
        if (unread === 0)
          await deps.events.publish(trx, {
            type: 'notifications.group_read_requested',
            key: userId,
            payload: { userId, groupKey: notificationGroupOf(conversationId) },
          });
        return { lastReadSeq: Number(updated.last_read_seq), unreadCount: unread };
      });
      const push: ChatReadPush = { conversationId, userId, seq: lastReadSeq };
      deps.live()?.push([conversationRoom(conversationId), userRoom(userId)], 'chat:read', push);
      return { lastReadSeq, unreadCount };
    },

    /** Totals over every membership: conversations with something unread, and unread messages. */
    unread: (userId: string) => repo.unreadTotals(userId),
  };
}
