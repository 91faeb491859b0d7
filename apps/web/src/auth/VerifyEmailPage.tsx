import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { client, restoreSession } from '../api.ts';
import { errorMessage } from '../ui/problem.ts';
import { Loading } from '../ui/states.tsx';
import { AuthCard } from './AuthCard.tsx';
import { ResendVerificationButton } from './ResendVerificationButton.tsx';
import { sessionStore, useSession } from './session-store.ts';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const session = useSession();
  const started = useRef(false);
  const verify = useMutation({
    mutationFn: (value: string) => client.auth.verifyEmail(value),
    async onSuccess() {
      await restoreSession();
      if (sessionStore.get().status === 'signedIn') sessionStore.updateUser(await client.me.get());
    },
  });

  useEffect(() => {
    // A token works once; StrictMode's second effect run must not spend it again.
    if (!token || started.current) return;
    started.current = true;
    verify.mutate(token);
  }, [token, verify.mutate]);

  const signedIn = session.status === 'signedIn';

  return (
    <AuthCard title="Email verification">
      {!token ? (
        <Alert color="red" variant="light" role="alert">
          This link is incomplete. Open the link from the email again.
        </Alert>
      ) : verify.isSuccess ? (
        <Stack>
          <Alert color="teal" variant="light" title="Your email is verified" role="status">
            Thank you. Your email address is confirmed.
          </Alert>
          <Button component={Link} to={signedIn ? '/' : '/signin'}>
            {signedIn ? 'Go to your home page' : 'Continue to sign in'}
          </Button>
        </Stack>
      ) : verify.isError ? (
        <Stack>
          <Alert color="red" variant="light" title="We could not verify your email" role="alert">
            {errorMessage(verify.error)}
          </Alert>
          {signedIn ? (
            session.user.emailVerified === false && <ResendVerificationButton />
          ) : (
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/signin">
                Sign in
              </Anchor>{' '}
              to ask for a new link.
            </Text>
          )}
        </Stack>
      ) : (
        <Loading label="Verifying your email" />
      )}
    </AuthCard>
  );
}
