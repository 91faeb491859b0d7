import { useSession } from '../auth/session-store.ts';
import { YourInstitutions } from '../institutions/YourInstitutions.tsx';
import { Landing } from './Landing.tsx';

export function HomePage() {
  const session = useSession();
  return session.status === 'signedIn' ? <YourInstitutions /> : <Landing />;
}
