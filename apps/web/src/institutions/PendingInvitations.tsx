import type { Institution } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { formatDate } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { roleColor, roleLabel } from './options.ts';
import { institutionKeys, invitationsQuery } from './queries.ts';

export function PendingInvitations({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQuery(institution.id));
  const revoke = useMutation({
    mutationFn: (invitationId: string) => client.institutions.revokeInvitation(institution.id, invitationId),
    onSuccess: () => notifySuccess('The invitation link no longer works.', 'Invitation revoked'),
    onError: (error) => notifyError(error, 'Could not revoke the invitation'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: institutionKeys.invitations(institution.id) }),
  });

  if (invitations.isPending) return <Loading label="Loading invitations" />;
  if (invitations.isError) return <LoadError error={invitations.error} title="Could not load invitations" />;

  const pending = invitations.data.filter((i) => i.status === 'pending');
  if (pending.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No pending invitations.
      </Text>
    );
  }

  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {pending.map((invitation) => (
        <Paper component="li" key={invitation.id} withBorder radius="md" px="md" py="sm">
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <Stack gap={2} miw={0}>
              <Group gap="xs">
                <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {invitation.email}
                </Text>
                <Badge variant="light" color={roleColor[invitation.role]}>
                  {roleLabel(invitation.role)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                Sent {formatDate(invitation.createdAt)} · Expires {formatDate(invitation.expiresAt)}
              </Text>
            </Stack>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              loading={revoke.isPending && revoke.variables === invitation.id}
              onClick={() => revoke.mutate(invitation.id)}
              style={{ flexShrink: 0 }}
            >
              Revoke<VisuallyHidden> the invitation for {invitation.email}</VisuallyHidden>
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
