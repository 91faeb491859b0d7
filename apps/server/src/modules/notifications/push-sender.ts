// Sends one web push (RFC 8030) to one browser subscription. `web-push` does the hard parts (the
// VAPID JWT of RFC 8292 and the aes128gcm payload encryption of RFC 8291); the request goes out
// through the guarded HTTP client, because the endpoint URL comes from a browser, that is from a
// user, and must not reach our private network.
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import webpush from 'web-push';
import { guardedRequest } from '../../platform/outbound/guarded-http.ts';
import type { DependencyPolicy } from '../../platform/resilience/resilience.ts';

export type Vapid = { publicKey: string; privateKey: string; subject: string };
export type PushTarget = { endpoint: string; p256dh: string; auth: string };
/** What the service worker receives (as JSON) and shows. */
export type PushMessage = {
  title: string;
  body: string;
  url: string | null;
  tag: string;
  count: number;
  /** The actor's picture (a path on this site), shown instead of the site's icon. */
  icon: string | null;
};

export type PushSender = {
  /** 'gone' when the push service says the subscription no longer exists (404 or 410); throws on other failures. */
  send(target: PushTarget, message: PushMessage): Promise<'sent' | 'gone'>;
};

/** Push services keep an undelivered message this long (the browser may be offline). */
const TTL_SECONDS = 24 * 3600;

export function describePushError(err: unknown): string {
  if (err instanceof BrokenCircuitError) return 'Not sent: the push service kept failing, so calls are paused for a while';
  if (err instanceof TaskCancelledError) return 'Timed out';
  return err instanceof Error ? err.message.slice(0, 500) : String(err);
}

export function createPushSender(options: {
  vapid: Vapid;
  allowPrivate: boolean;
  /** One breaker per push service (by origin), so one failing service does not pause the others. */
  policyFor: (origin: string) => DependencyPolicy;
}): PushSender {
  return {
    async send(target, message) {
      const details = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(message),
        { vapidDetails: options.vapid, TTL: TTL_SECONDS, contentEncoding: 'aes128gcm', urgency: 'normal', topic: topicOf(message.tag) },
      );
      const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
      const res = await options.policyFor(new URL(details.endpoint).origin).execute(async (signal) => {
        const r = await guardedRequest(details.endpoint, {
          method: 'POST',
          headers,
          body: details.body,
          signal,
          allowPrivate: options.allowPrivate,
        });
        // A gone subscription is an answer, not a failure of the push service.
        if (r.status === 404 || r.status === 410) return r;
        if (r.status < 200 || r.status > 299) throw new Error(`push service answered HTTP ${r.status}: ${r.body.slice(0, 200)}`);
        return r;
      });
      return res.status === 404 || res.status === 410 ? 'gone' : 'sent';
    },
  };
}

/** A Topic header (at most 32 URL-safe characters) lets a newer push replace an undelivered older one of the same entry. */
function topicOf(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);
}
