// The worker's queue runner for notification channels: turns due digests into queued e-mails, then
// sends due e-mails and pushes. Rows are claimed (any number of processes may run this), retried
// with growing waits on a persisted schedule, and after the last attempt kept as `failed` with the
// error, so a restart loses nothing and operators can see what never arrived.
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import type { PollLoop } from '../../platform/jobs/poll-loop.ts';
import { startPollLoop } from '../../platform/jobs/poll-loop.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Logger } from '../../platform/observability/logger.ts';
import { bypassesQuietHours, categoryOf } from './categories.ts';
import { channelsRepository, type DeliveryRow } from './channels.repository.ts';
import { digestMail, notificationMail } from './mail-templates.ts';
import type { NotificationsService } from './notifications.service.ts';
import { describePushError, type PushSender } from './push-sender.ts';
import { digestPeriod, nextDigestAt, quietUntil } from './schedule.ts';
import { loadPreferences } from './settings.service.ts';

export type ChannelSenderDeps = {
  db: Db;
  log: Logger;
  mailer: Mailer;
  notifications: NotificationsService;
  /** Null when the server has no VAPID keys. */
  push: PushSender | null;
  users(ids: string[]): Promise<Map<string, { email: string; displayName: string }>>;
  isOnline(userId: string): Promise<boolean>;
  publicUrl: string;
  pollMs: number;
  /** Wait before the second attempt; each later wait is four times longer. */
  retryBaseMs?: number;
  maxAttempts?: number;
  now?: () => Date;
};

const BATCH = 16;
const DIGEST_ITEMS = 50;
const DAY_MS = 24 * 3600_000;
/** Finished sends are kept this long (failed ones three times as long). */
const KEEP_DAYS = 30;

type Outcome = { status: 'sent' | 'skipped'; note?: string } | { status: 'later'; at: Date };

export function startChannelSender(deps: ChannelSenderDeps): PollLoop {
  const { db, log } = deps;
  const repo = channelsRepository(db);
  const now = deps.now ?? (() => new Date());
  const retryBaseMs = deps.retryBaseMs ?? 30_000;
  const maxAttempts = deps.maxAttempts ?? 6;
  const base = deps.publicUrl.replace(/\/$/, '');
  const urls = { publicUrl: base, settingsUrl: `${base}/notifications/settings`, inboxUrl: `${base}/notifications` };

  /** Queues the digests that are due; a period already recorded is never queued again. */
  async function queueDigests(): Promise<boolean> {
    const due = await repo.digestsDue(now(), 50);
    for (const s of due) {
      if (s.digest === 'off') continue;
      const at = now();
      const frequency = s.digest;
      await db.transaction().execute(async (trx) => {
        const r = channelsRepository(trx);
        const deliveryId = uuidv7();
        if (await r.recordDigest(s.user_id, digestPeriod(at, frequency, s.time_zone), deliveryId)) {
          const since = new Date(at.getTime() - (frequency === 'daily' ? 1 : 7) * DAY_MS).toISOString();
          await r.enqueue([
            { id: deliveryId, user_id: s.user_id, channel: 'digest', inbox_id: null, payload: { frequency, since }, due_at: at },
          ]);
        }
        await r.setNextDigest(s.user_id, nextDigestAt(at, frequency, s.time_zone));
      });
    }
    return due.length > 0;
  }

  async function sendEmail(row: DeliveryRow): Promise<Outcome> {
    const entry = row.inbox_id ? await deps.notifications.entry(row.inbox_id) : null;
    if (!entry) return { status: 'skipped', note: 'the notification is gone' };
    if (entry.readAt) return { status: 'skipped', note: 'already read' };
    const category = categoryOf(entry.kind);
    const prefs = await loadPreferences(db, row.user_id);
    if (!prefs.channels(category).email) return { status: 'skipped', note: 'e-mail switched off' };
    const quiet = bypassesQuietHours(category) ? null : quietUntil(now(), prefs.quietHours, prefs.timeZone);
    if (quiet) return prefs.digest === 'off' ? { status: 'later', at: quiet } : { status: 'skipped', note: 'quiet hours; in the digest' };
    // Chat mails only people who are away: the message was seen if they came back meanwhile.
    if (category === 'chat_messages' && (await deps.isOnline(row.user_id))) return { status: 'skipped', note: 'recipient online' };
    const user = (await deps.users([row.user_id])).get(row.user_id);
    if (!user) return { status: 'skipped', note: 'no such user' };
    const mail = notificationMail({ ...entry, createdAt: new Date(entry.createdAt) }, urls);
    await deps.mailer.deliver({ to: user.email, ...mail });
    return { status: 'sent' };
  }

  async function sendPush(row: DeliveryRow): Promise<Outcome> {
    if (!deps.push) return { status: 'skipped', note: 'push is not configured' };
    const entry = row.inbox_id ? await deps.notifications.entry(row.inbox_id) : null;
    if (!entry) return { status: 'skipped', note: 'the notification is gone' };
    if (entry.readAt) return { status: 'skipped', note: 'already read' };
    const category = categoryOf(entry.kind);
    const prefs = await loadPreferences(db, row.user_id);
    if (!prefs.channels(category).push) return { status: 'skipped', note: 'push switched off' };
    const quiet = bypassesQuietHours(category) ? null : quietUntil(now(), prefs.quietHours, prefs.timeZone);
    if (quiet) return { status: 'later', at: quiet };
    const done = new Set(row.payload.doneEndpoints ?? []);
    const targets = (await repo.subscriptions(row.user_id)).filter((s) => !done.has(s.endpoint));
    if (targets.length === 0 && done.size === 0) return { status: 'skipped', note: 'no subscriptions' };
    const message = {
      title: entry.title,
      body: entry.body,
      url: entry.link,
      tag: entry.id,
      count: entry.count,
      icon: entry.actor?.avatarUrl ?? null,
    };
    const errors: string[] = [];
    for (const target of targets) {
      try {
        if ((await deps.push.send(target, message)) === 'gone') await repo.removeSubscriptionById(target.id);
        else done.add(target.endpoint);
      } catch (err) {
        errors.push(describePushError(err));
      }
    }
    // Endpoints already reached are remembered, so a retry does not push to them twice.
    row.payload = { ...row.payload, doneEndpoints: [...done] };
    if (errors.length) throw new Error(errors.join('; '));
    return { status: 'sent' };
  }

  async function sendDigest(row: DeliveryRow): Promise<Outcome> {
    const since = new Date(row.payload.since ?? now().getTime() - DAY_MS);
    const items = await deps.notifications.unreadSince(row.user_id, since, DIGEST_ITEMS);
    if (items.length === 0) return { status: 'skipped', note: 'nothing unread' };
    const user = (await deps.users([row.user_id])).get(row.user_id);
    if (!user) return { status: 'skipped', note: 'no such user' };
    const mail = digestMail(
      items.map((i) => ({ ...i, createdAt: new Date(i.createdAt) })),
      row.payload.frequency ?? 'daily',
      urls,
    );
    await deps.mailer.deliver({ to: user.email, ...mail });
    return { status: 'sent' };
  }

  async function dispatch(row: DeliveryRow) {
    try {
      const outcome = row.channel === 'email' ? await sendEmail(row) : row.channel === 'push' ? await sendPush(row) : await sendDigest(row);
      if (outcome.status === 'later')
        await repo.retryLater(row.id, row.attempts, 'waiting for quiet hours to end', outcome.at, row.payload);
      else await repo.finish(row.id, outcome.status, row.attempts + 1, outcome.note ?? null);
    } catch (err) {
      const attempts = row.attempts + 1;
      const error = describePushError(err);
      if (attempts >= maxAttempts) {
        log.warn({ deliveryId: row.id, channel: row.channel, error }, 'notification delivery failed for good');
        await repo.finish(row.id, 'failed', attempts, error);
      } else {
        await repo.retryLater(row.id, attempts, error, new Date(now().getTime() + retryBaseMs * 4 ** (attempts - 1)), row.payload);
      }
    }
  }

  let prunedAt = 0;
  return startPollLoop({
    name: 'notification channels',
    log,
    pollMs: deps.pollMs,
    async tick() {
      if (Date.now() - prunedAt > 3600_000) {
        prunedAt = Date.now();
        await repo.prune(now(), KEEP_DAYS);
      }
      const queued = await queueDigests();
      const due = await repo.claim(now(), BATCH, 120);
      for (const row of due) {
        // One broken row must not stop the others; its claim expires and it is tried again.
        await dispatch(row).catch((err: unknown) => log.error({ err, deliveryId: row.id }, 'notification delivery failed to record'));
      }
      return queued || due.length > 0;
    },
  });
}
