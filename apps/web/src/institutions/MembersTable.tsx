import type { Institution, InstitutionRole, Member } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { formatDate } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { assignableRoles, canManage, roleColor, roleLabel } from './options.ts';
import { expectOwnChange, forgetOwnChange } from './own-changes.ts';
import { institutionKeys, membersQuery } from './queries.ts';
import { RemoveMemberModal } from './RemoveMemberModal.tsx';

export function MembersTable({ institution }: { institution: Institution }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery(institution.id));
  const [removing, setRemoving] = useState<Member | null>(null);
  const manager = canManage(institution.myRole);
  const membersKey = institutionKeys.members(institution.id);
  const narrow = usePhone();

  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: InstitutionRole }) => {
      expectOwnChange(institution.id, userId);
      return client.institutions.updateMember(institution.id, userId, { role });
    },
    onSuccess: (member) => notifySuccess(`${member.displayName} is now ${roleLabel(member.role).toLowerCase()}.`),
    onError: (error, { userId }) => {
      forgetOwnChange(institution.id, userId);
      notifyError(error, 'Could not change the role');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });

  const remove = useMutation({
    mutationFn: (member: Member) => {
      expectOwnChange(institution.id, member.userId);
      return client.institutions.removeMember(institution.id, member.userId);
    },
    onSuccess: (_, member) => {
      notifySuccess(`${member.displayName} was removed.`);
      setRemoving(null);
    },
    onError: (error, member) => {
      forgetOwnChange(institution.id, member.userId);
      notifyError(error, 'Could not remove the member');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });

  if (members.isPending) return <Loading label="Loading members" />;
  if (members.isError) return <LoadError error={members.error} title="Could not load the members" />;

  const roles = assignableRoles(institution.myRole);
  // An admin cannot take ownership away from an owner.
  const editable = (member: Member) => manager && member.userId !== me.id && (member.role !== 'owner' || institution.myRole === 'owner');

  const roleControl = (member: Member) =>
    editable(member) ? (
      <Select
        aria-label={`Change access for ${member.displayName}`}
        data={roles}
        value={member.role}
        allowDeselect={false}
        size="xs"
        w={140}
        disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
        onChange={(role) => role && changeRole.mutate({ userId: member.userId, role: role as InstitutionRole })}
      />
    ) : (
      <Badge variant="light" color={roleColor[member.role]}>
        {roleLabel(member.role)}
      </Badge>
    );

  const removeButton = (member: Member) =>
    editable(member) && (
      <Button variant="subtle" color="red" size="xs" onClick={() => setRemoving(member)} style={{ flexShrink: 0 }}>
        Remove<VisuallyHidden> {member.displayName}</VisuallyHidden>
      </Button>
    );

  const name = (member: Member) => (
    <Text fw={500} size="sm">
      {member.displayName}
      {member.userId === me.id && (
        <Text span c="dimmed" size="sm">
          {' '}
          (you)
        </Text>
      )}
    </Text>
  );

  return (
    <>
      {narrow ? (
        // Phones get one card per member; a five-column table does not fit 390 pixels.
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {members.data.map((member) => (
            <Paper component="li" key={member.userId} withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Stack gap={2} miw={0}>
                  {name(member)}
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {member.email}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Joined {formatDate(member.joinedAt)}
                  </Text>
                </Stack>
                {removeButton(member)}
              </Group>
              <Group mt="xs">{roleControl(member)}</Group>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Joined</Table.Th>
                {manager && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => (
                <Table.Tr key={member.userId}>
                  <Table.Td>{name(member)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {member.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{roleControl(member)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(member.joinedAt)}
                    </Text>
                  </Table.Td>
                  {manager && <Table.Td ta="right">{removeButton(member)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RemoveMemberModal
        member={removing}
        institutionName={institution.name}
        removing={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
