// Whether the signed-in person is a platform moderator (the queue refuses everyone else), and the
// shield the nav shows beside the Moderation entry for them.
import { useSession } from '../auth/session-store.ts';
import { LineIcon } from '../shell/icons.tsx';

export const ShieldIcon = () => (
  <LineIcon>
    <path d="M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6l7-3z" />
    <path d="M9 12l2 2 4-4" />
  </LineIcon>
);

/** The session user's platform roles say whether the queue is theirs to see. */
export function useIsModerator(): boolean {
  const session = useSession();
  return session.status === 'signedIn' && session.user.platformRoles.includes('moderator');
}
