// This browser's web push subscription: the service worker that shows pushes (public/push-sw.js),
// the PushManager subscription made with the server's VAPID key, and telling the server about it.
import type { PushSubscriptionBody } from '@edumatrix/contracts';
import { client } from '../api.ts';

const WORKER_URL = '/push-sw.js';

export type PushSupport = 'supported' | 'unsupported' | 'insecure';

export function pushSupport(): PushSupport {
  // Service workers need https (or localhost); over plain http the APIs are simply missing.
  if (!window.isSecureContext) return 'insecure';
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window ? 'supported' : 'unsupported';
}

/** The person said no (or the browser blocks notifications for this site). */
export class PushPermissionError extends Error {}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushSupport() !== 'supported') return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!current || current.byteLength !== wanted.byteLength) return false;
  const bytes = new Uint8Array(current);
  return bytes.every((b, i) => b === wanted[i]);
}

function bodyOf(subscription: PushSubscription): PushSubscriptionBody {
  const { keys } = subscription.toJSON();
  return {
    endpoint: subscription.endpoint,
    expirationTime: subscription.expirationTime,
    keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' },
  };
}

/** Asks for permission, registers the worker, subscribes with the server's key and sends the subscription. */
export async function subscribeThisDevice(publicKey: string): Promise<void> {
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'denied') {
    throw new PushPermissionError('This browser blocks notifications from this site. Allow them in the site settings, then try again.');
  }
  if (permission !== 'granted') throw new PushPermissionError('Notifications were not allowed, so nothing was switched on.');
  await navigator.serviceWorker.register(WORKER_URL, { scope: '/' });
  const registration = await navigator.serviceWorker.ready;
  const key = fromBase64Url(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made with another key (the server's keys changed) cannot receive our pushes.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  try {
    await client.notifications.subscribePush(bodyOf(subscription));
  } catch (error) {
    // The server does not know it, so nothing would ever arrive: do not keep a half-made subscription.
    await subscription.unsubscribe().catch(() => {});
    throw error;
  }
}

/** Tells the server to stop (first, so a failure leaves both sides as they were), then drops the subscription. */
export async function unsubscribeThisDevice(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await client.notifications.unsubscribePush(subscription.endpoint);
  await subscription.unsubscribe();
}
