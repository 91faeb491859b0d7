import type { InvitationPreview } from '@edumatrix/contracts';
import { Alert, Anchor, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { client } from '../api.ts';
import { AuthCard } from '../auth/AuthCard.tsx';
import { type Session, sessionStore, useSession } from '../auth/session-store.ts';
import { MIN_PASSWORD, validateNewPassword, validateRequired } from '../auth/validation.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { PasswordField } from '../ui/PasswordField.tsx';
import { applyProblem, errorMessage, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { roleColor, roleLabel } from './options.ts';
import { institutionKeys } from './queries.ts';

const CLOSED: Record<Exclude<InvitationPreview['status'], 'pending'>, string> = {
  accepted: 'This invitation has already been accepted.',
  revoked: 'This invitation was withdrawn. Ask the person who invited you for a new one if you still need access.',
  expired: 'This invitation has expired. Ask the person who invited you for a new one if you still need access.',
};

function useAcceptAndOpen(token: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (extra: { displayName?: string; password?: string } = {}) => {
    const wasSignedIn = sessionStore.get().status === 'signedIn';
    const result = await client.invitations.accept({ token, ...extra });
    // Accepting can confirm the address the invitation went to.
    if (wasSignedIn) {
      const user = await client.me.get().catch(() => null);
      if (user) sessionStore.updateUser(user);
    }
    await queryClient.invalidateQueries({ queryKey: institutionKeys.all });
    notifySuccess(`You joined as ${roleLabel(result.role).toLowerCase()}.`, 'Welcome aboard');
    await navigate(`/institutions/${result.institutionId}`, { replace: true });
  };
}

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => client.invitations.preview(token),
    enabled: token !== '',
    retry: false,
  });

  return (
    <AuthCard title="Invitation">
      {!token ? (
        <Alert color="red" variant="light" role="alert">
          This link is incomplete. Open the link from the invitation email again.
        </Alert>
      ) : preview.isPending || session.status === 'restoring' ? (
        <Loading label="Opening your invitation" />
      ) : preview.isError ? (
        <LoadError error={preview.error} title="We could not open this invitation" />
      ) : (
        <Stack>
          <InvitationSummary preview={preview.data} />
          {preview.data.status !== 'pending' ? (
            <>
              <Alert color="gray" variant="light" role="status">
                {CLOSED[preview.data.status]}
              </Alert>
              {preview.data.status === 'accepted' && session.status === 'signedIn' && (
                <Button component={Link} to={`/institutions/${preview.data.institution.id}`} variant="light">
                  Open {preview.data.institution.name}
                </Button>
              )}
            </>
          ) : (
            <AcceptActions preview={preview.data} session={session} token={token} />
          )}
        </Stack>
      )}
    </AuthCard>
  );
}

function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  return (
    <Stack gap={6}>
      <Text>
        You are invited to join <strong>{preview.institution.name}</strong>.
      </Text>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Role
        </Text>
        <Badge variant="light" color={roleColor[preview.role]}>
          {roleLabel(preview.role)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        Sent to {preview.email} · Expires {formatDate(preview.expiresAt)}
      </Text>
    </Stack>
  );
}

type ActionsProps = { preview: InvitationPreview; session: Session; token: string };

function AcceptActions({ preview, session, token }: ActionsProps) {
  const location = useLocation();
  if (session.status === 'signedIn') return <AcceptAsMember preview={preview} email={session.user.email} token={token} />;
  if (!preview.accountExists) return <AcceptWithNewAccount preview={preview} token={token} />;
  const next = location.pathname + location.search;
  return (
    <Stack>
      <Text size="sm">You already have an account for {preview.email}. Sign in first, and we will bring you back here to accept.</Text>
      <Button component={Link} to={`/signin?next=${encodeURIComponent(next)}&email=${encodeURIComponent(preview.email)}`}>
        Sign in to accept
      </Button>
    </Stack>
  );
}

function AcceptAsMember({ preview, email, token }: { preview: InvitationPreview; email: string; token: string }) {
  const acceptAndOpen = useAcceptAndOpen(token);
  const [accepting, setAccepting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const otherAccount = email.toLowerCase() !== preview.email.toLowerCase();

  async function accept() {
    setAccepting(true);
    setError(null);
    try {
      await acceptAndOpen();
    } catch (err) {
      setError(errorMessage(err));
      setAccepting(false);
    }
  }

  return (
    <Stack>
      {otherAccount && (
        <Alert color="yellow" variant="light">
          This invitation was sent to {preview.email}, but you are signed in as {email}.
        </Alert>
      )}
      <FormAlert message={error} />
      <Button onClick={accept} loading={accepting}>
        Accept invitation
      </Button>
    </Stack>
  );
}

function AcceptWithNewAccount({ preview, token }: { preview: InvitationPreview; token: string }) {
  const acceptAndOpen = useAcceptAndOpen(token);
  const location = useLocation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: '', password: '' },
    validate: { displayName: validateRequired('Display name'), password: validateNewPassword },
  });

  async function accept(values: typeof form.values) {
    setFormError(null);
    try {
      await acceptAndOpen({ displayName: values.displayName.trim(), password: values.password });
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(accept, focusFirstInvalid)} noValidate>
      <Stack>
        <Text size="sm">Create your account to accept.</Text>
        <TextInput label="Email" value={preview.email} readOnly variant="filled" autoComplete="username" />
        <TextInput label="Display name" autoComplete="name" required maxLength={80} {...form.getInputProps('displayName')} />
        <PasswordField
          label="Password"
          description={`At least ${MIN_PASSWORD} characters`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <FormAlert message={formError} />
        <Button type="submit" loading={form.submitting}>
          Accept invitation
        </Button>
        <Text size="sm" ta="center">
          Have an account under another email?{' '}
          <Anchor component={Link} to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>
            Sign in
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
