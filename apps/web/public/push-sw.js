// Web push for EDU Matrix Interlinked: shows what the server pushes and opens its page on click.
// The payload is the server's PushMessage as JSON: { title, body, url, tag, count, icon }. Served from the
// site root (Vite copies public/ as is) so its scope is the whole app; it has no fetch handler and
// caches nothing.

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Controlling open tabs lets a click navigate one of them instead of opening another.
  event.waitUntil(self.clients.claim());
});

function readPayload(event) {
  if (!event.data) return {};
  try {
    return event.data.json();
  } catch {
    return { body: event.data.text() };
  }
}

/** A path on this site as the server sends it, or null for anything else (another origin, "//host"). */
const ownPath = (value) => (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null);

self.addEventListener('push', (event) => {
  const message = readPayload(event);
  const title = typeof message.title === 'string' && message.title ? message.title : 'EDU Matrix Interlinked';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === 'string' ? message.body : '',
      // One notification per inbox entry: a grouped entry that grows replaces its notification.
      tag: typeof message.tag === 'string' ? message.tag : undefined,
      renotify: typeof message.tag === 'string',
      // The picture of whoever acted, when there is one.
      icon: ownPath(message.icon) ?? '/favicon.svg',
      data: { url: typeof message.url === 'string' ? message.url : null },
    }),
  );
});

/** Only this site's own pages: a path from the server, never another origin. */
function targetOf(notification) {
  const url = new URL(ownPath(notification.data?.url) ?? '/notifications', self.location.origin);
  return url.origin === self.location.origin ? url.href : new URL('/notifications', self.location.origin).href;
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = targetOf(event.notification);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        try {
          const focused = await open.focus();
          await focused.navigate(target);
          return;
        } catch {
          // A tab this worker does not control cannot be navigated from here: open a new one.
        }
      }
      await self.clients.openWindow(target);
    })(),
  );
});
