// SQL for notification channels: settings, push subscriptions, the delivery queue and the digest log.
import type { ChannelSwitches, DigestFrequency, NotificationCategory } from '@edumatrix/contracts';
import { type ColumnType, type Generated, type Kysely, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

type Json<T> = ColumnType<T, string | undefined, string>;

type SettingsTable = {
  user_id: string;
  categories: Json<Partial<Record<NotificationCategory, Partial<ChannelSwitches>>>>;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: Generated<string>;
  digest: Generated<DigestFrequency>;
  next_digest_at: Date | null;
  updated_at: Generated<Date>;
};
export type SettingsRow = Selectable<SettingsTable>;

type SubscriptionsTable = { id: string; user_id: string; endpoint: string; p256dh: string; auth: string; created_at: Generated<Date> };
export type SubscriptionRow = Selectable<SubscriptionsTable>;

export type DeliveryChannel = 'email' | 'push' | 'digest';
/** Push: endpoints already reached (a retry skips them). Digest: the period it covers and its entries. */
export type DeliveryPayload = { doneEndpoints?: string[]; period?: string; frequency?: 'daily' | 'weekly'; since?: string };

type DeliveriesTable = {
  id: string;
  user_id: string;
  channel: DeliveryChannel;
  inbox_id: string | null;
  payload: Json<DeliveryPayload>;
  due_at: Date;
  status: Generated<'pending' | 'sent' | 'skipped' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: Date | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
};
export type DeliveryRow = Selectable<DeliveriesTable>;

type DigestsTable = { user_id: string; period: string; delivery_id: string; created_at: Generated<Date> };

type Tables = {
  'notifications.settings': SettingsTable;
  'notifications.push_subscriptions': SubscriptionsTable;
  'notifications.deliveries': DeliveriesTable;
  'notifications.digests': DigestsTable;
};

export function channelsRepository(executor: Db) {
  const db = executor as unknown as Kysely<Tables>;
  return {
    settings: (userId: string) => db.selectFrom('notifications.settings').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    saveSettings: (row: Omit<SettingsRow, 'updated_at' | 'categories'> & { categories: string }) =>
      db
        .insertInto('notifications.settings')
        .values(row)
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            categories: row.categories,
            quiet_start: row.quiet_start,
            quiet_end: row.quiet_end,
            time_zone: row.time_zone,
            digest: row.digest,
            next_digest_at: row.next_digest_at,
            updated_at: new Date(),
          }),
        )
        .execute(),
    /** People whose digest is due, oldest first. */
    digestsDue: (now: Date, limit: number) =>
      db
        .selectFrom('notifications.settings')
        .selectAll()
        .where('digest', '<>', 'off')
        .where('next_digest_at', '<=', now)
        .orderBy('next_digest_at')
        .limit(limit)
        .execute(),
    setNextDigest: (userId: string, at: Date | null) =>
      db.updateTable('notifications.settings').set({ next_digest_at: at }).where('user_id', '=', userId).execute(),
    /** Records the digest of a period; false when one was already recorded (at most one per period). */
    recordDigest: async (userId: string, period: string, deliveryId: string) =>
      (
        await db
          .insertInto('notifications.digests')
          .values({ user_id: userId, period, delivery_id: deliveryId })
          .onConflict((oc) => oc.doNothing())
          .returning('period')
          .execute()
      ).length > 0,

    /** A browser's subscription belongs to whoever subscribed it last. */
    addSubscription: (row: Omit<SubscriptionRow, 'created_at'>) =>
      db
        .insertInto('notifications.push_subscriptions')
        .values(row)
        .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: row.user_id, p256dh: row.p256dh, auth: row.auth }))
        .execute(),
    removeSubscription: (userId: string, endpoint: string) =>
      db.deleteFrom('notifications.push_subscriptions').where('user_id', '=', userId).where('endpoint', '=', endpoint).execute(),
    removeSubscriptionById: (id: string) => db.deleteFrom('notifications.push_subscriptions').where('id', '=', id).execute(),
    subscriptions: (userId: string) =>
      db.selectFrom('notifications.push_subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),

    enqueue: (
      rows: { id: string; user_id: string; channel: DeliveryChannel; inbox_id: string | null; payload?: DeliveryPayload; due_at: Date }[],
    ) =>
      rows.length
        ? db
            .insertInto('notifications.deliveries')
            .values(rows.map((r) => ({ ...r, payload: JSON.stringify(r.payload ?? {}) })))
            .execute()
        : Promise.resolve([]),
    /** Takes up to `limit` due deliveries for `lockSeconds`; another process skips them meanwhile. */
    claim: async (now: Date, limit: number, lockSeconds: number): Promise<DeliveryRow[]> => {
      const { rows } = await sql<DeliveryRow>`
        update notifications.deliveries set locked_until = now() + make_interval(secs => ${lockSeconds})
        where id in (
          select id from notifications.deliveries
          where status = 'pending' and due_at <= ${now} and (locked_until is null or locked_until < now())
          order by due_at limit ${limit} for update skip locked)
        returning *`.execute(db);
      // RETURNING keeps no order: send oldest first, as they were queued.
      return rows.sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime() || a.id.localeCompare(b.id));
    },
    finish: (id: string, status: 'sent' | 'skipped' | 'failed', attempts: number, error: string | null) =>
      db
        .updateTable('notifications.deliveries')
        .set({ status, attempts, last_error: error, locked_until: null, completed_at: new Date() })
        .where('id', '=', id)
        .execute(),
    /** Forgets finished sends after `keepDays` (failed ones after three times that, for operators to look at). */
    prune: (now: Date, keepDays: number) =>
      db
        .deleteFrom('notifications.deliveries')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', 'in', ['sent', 'skipped']), eb('completed_at', '<', new Date(now.getTime() - keepDays * 86_400_000))]),
            eb.and([eb('status', '=', 'failed'), eb('completed_at', '<', new Date(now.getTime() - 3 * keepDays * 86_400_000))]),
          ]),
        )
        .execute(),
    retryLater: (id: string, attempts: number, error: string, dueAt: Date, payload: DeliveryPayload) =>
      db
        .updateTable('notifications.deliveries')
        .set({ attempts, last_error: error, due_at: dueAt, locked_until: null, payload: JSON.stringify(payload) })
        .where('id', '=', id)
        .execute(),
  };
}
