import { createClient } from '@edumatrix/client';
import { sessionStore } from './auth/session-store.ts';
import { queryClient } from './query-client.ts';

/**
 * Remembers that this browser holds a refresh cookie. The cookie is httpOnly, so without this hint
 * every visitor's first page would ask the server and log a 401 to the console.
 */
const SESSION_HINT = 'edumatrix.signed-in';

function setHint(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage can be disabled; then we simply ask the server every time.
  }
}

function hasHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}

export const client = createClient({
  tokenTransport: 'cookie',
  onAuthChange(auth) {
    const before = sessionStore.get();
    const previousUserId = before.status === 'signedIn' ? before.user.id : null;
    setHint(auth !== null);
    sessionStore.set(auth ? { status: 'signedIn', user: auth.user } : { status: 'signedOut' });
    // Another person's cached institutions must never show up after a switch of account. Cleared
    // once React has unmounted the signed-in pages: clearing under them would make them refetch
    // without a token.
    if (previousUserId && previousUserId !== auth?.user.id) setTimeout(() => queryClient.clear(), 0);
  },
});

let restoring: Promise<unknown> | null = null;

/** Asks the server for a fresh access token from the refresh cookie; any failure means signed out. */
export function restoreSession(): Promise<unknown> {
  restoring ??= hasHint()
    ? client.auth.refresh().catch(() => sessionStore.set({ status: 'signedOut' }))
    : Promise.resolve(sessionStore.set({ status: 'signedOut' }));
  return restoring;
}
