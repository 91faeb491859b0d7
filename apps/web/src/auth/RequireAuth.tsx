import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../ui/states.tsx';
import { withNext } from './next-path.ts';
import { useSession } from './session-store.ts';

export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading label="Restoring your session" />;
  if (session.status === 'signedOut') {
    return <Navigate to={withNext('/signin', location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}
