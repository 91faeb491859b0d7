import { Alert, Group, Text } from '@mantine/core';
import { ResendVerificationButton } from './ResendVerificationButton.tsx';
import { useSession } from './session-store.ts';

export function EmailVerificationBanner() {
  const session = useSession();
  if (session.status !== 'signedIn' || session.user.emailVerified) return null;
  // The title becomes the alert's label: "email" in it would collide with the Email fields on the same page.
  return (
    <Alert color="yellow" variant="light" mb="lg" title="Please confirm your address">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          We sent a link to <strong>{session.user.email}</strong>. Confirming it lets institutions reach you.
        </Text>
        <ResendVerificationButton size="xs" />
      </Group>
    </Alert>
  );
}
