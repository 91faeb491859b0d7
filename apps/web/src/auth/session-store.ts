import type { User } from '@edumatrix/contracts';
import { useSyncExternalStore } from 'react';

export type Session = { status: 'restoring' } | { status: 'signedOut' } | { status: 'signedIn'; user: User };

let current: Session = { status: 'restoring' };
const listeners = new Set<() => void>();

export const sessionStore = {
  get: (): Session => current,
  set(next: Session) {
    current = next;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** After the profile changes on the server, without a new token. */
  updateUser(user: User) {
    if (current.status === 'signedIn') sessionStore.set({ status: 'signedIn', user });
  },
};

export function useSession(): Session {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** For pages that only render inside <RequireAuth>. */
export function useCurrentUser(): User {
  const session = useSession();
  if (session.status !== 'signedIn') throw new Error('useCurrentUser needs a signed-in session');
  return session.user;
}
