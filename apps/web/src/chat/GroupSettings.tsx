// A conversation's people and settings: for a group, its admins rename it, add people from their
// connections, promote or demote and remove members; anyone leaves. A direct one just names the two.
import type { ChatMember, ChatMemberRole, ConversationDetail } from '@edumatrix/contracts';
import { ActionIcon, Avatar, Badge, Button, Divider, Drawer, Group, Menu, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { client } from '../api.ts';
import { usePhone } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage, notifyError, notifySuccess } from '../ui/problem.ts';
import { applyMembers } from './cache.ts';
import { initials } from './format.ts';
import { DotsIcon } from './icons.tsx';
import { PeoplePicker } from './PeoplePicker.tsx';
import { chatKeys } from './queries.ts';

function useGroupChange<T>(conversation: ConversationDetail, change: (input: T) => Promise<ConversationDetail | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (detail) => {
      if (detail) queryClient.setQueryData(chatKeys.detail(conversation.id), detail);
      void queryClient.invalidateQueries({ queryKey: chatKeys.detail(conversation.id) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
    },
    onError: (error) => notifyError(error),
  });
}

function Rename({ conversation }: { conversation: ConversationDetail }) {
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const rename = useGroupChange(conversation, (next: string) => client.chat.rename(conversation.id, next));
  const trimmed = title.trim();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!trimmed) return setError('Name the group');
        setError(null);
        rename.mutate(trimmed, { onError: (e) => setError(errorMessage(e)), onSuccess: () => notifySuccess('Group renamed.') });
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label="Group name"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={100}
          style={{ flex: 1 }}
          error={error}
        />
        <Button type="submit" variant="default" loading={rename.isPending} disabled={trimmed === conversation.title || !trimmed}>
          Rename
        </Button>
      </Group>
    </form>
  );
}

function MemberRow({
  conversation,
  member,
  me,
  admin,
}: {
  conversation: ConversationDetail;
  member: ChatMember;
  me: string;
  admin: boolean;
}) {
  const setRole = useGroupChange(conversation, (role: ChatMemberRole) => client.chat.setRole(conversation.id, member.userId, role));
  const remove = useGroupChange(conversation, async () => {
    await client.chat.removeMember(conversation.id, member.userId);
    return undefined;
  });
  const itsMe = member.userId === me;
  return (
    <Group gap="sm" wrap="nowrap" data-member={member.displayName}>
      <Avatar radius="xl" size="sm" src={member.avatarUrl} alt="" aria-hidden="true">
        {initials(member.displayName)}
      </Avatar>
      <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
        {member.displayName}
        {itsMe && (
          <Text span c="dimmed" size="sm">
            {' '}
            (you)
          </Text>
        )}
      </Text>
      {member.role === 'admin' && conversation.kind === 'group' && (
        <Badge size="sm" variant="light">
          Admin
        </Badge>
      )}
      {admin && !itsMe && conversation.kind === 'group' && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Manage ${member.displayName}`}
              loading={setRole.isPending || remove.isPending}
            >
              <DotsIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {member.role === 'admin' ? (
              <Menu.Item onClick={() => setRole.mutate('member')}>Remove as admin</Menu.Item>
            ) : (
              <Menu.Item onClick={() => setRole.mutate('admin')}>Make admin</Menu.Item>
            )}
            <Menu.Item color="red" onClick={() => remove.mutate(undefined)}>
              Remove from group
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

function AddPeople({ conversation }: { conversation: ConversationDetail }) {
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const add = useGroupChange(conversation, (userIds: string[]) => client.chat.addMembers(conversation.id, { userIds }));
  return (
    <Stack gap="xs">
      <PeoplePicker label="Add people" value={ids} onChange={setIds} exclude={conversation.members.map((m) => m.userId)} />
      <FormAlert message={error} />
      <Group justify="flex-end">
        <Button
          variant="default"
          disabled={ids.length === 0}
          loading={add.isPending}
          onClick={() => {
            setError(null);
            add.mutate(ids, { onSuccess: () => setIds([]), onError: (e) => setError(errorMessage(e)) });
          }}
        >
          Add {ids.length > 1 ? `${ids.length} people` : ''}
        </Button>
      </Group>
    </Stack>
  );
}

function Leave({ conversation, me }: { conversation: ConversationDetail; me: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, confirm] = useDisclosure(false);
  const leave = useMutation({
    mutationFn: () => client.chat.leave(conversation.id),
    onSuccess: async () => {
      applyMembers(queryClient, { conversationId: conversation.id, memberIds: [], removedIds: [me] }, me);
      confirm.close();
      await navigate('/chat');
    },
    onError: (error) => notifyError(error, 'Could not leave the group'),
  });
  return (
    <>
      <Button color="red" variant="light" onClick={confirm.open}>
        Leave group
      </Button>
      <Modal opened={confirming} onClose={confirm.close} title={`Leave ${conversation.title}?`} size="sm" centered>
        <Text size="sm" mb="md">
          You will stop getting its messages. Someone in the group can add you again.
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={confirm.close}>
            Cancel
          </Button>
          <Button color="red" loading={leave.isPending} onClick={() => leave.mutate()}>
            Leave
          </Button>
        </Group>
      </Modal>
    </>
  );
}

export function GroupSettings({
  conversation,
  me,
  opened,
  onClose,
}: {
  conversation: ConversationDetail;
  me: string;
  opened: boolean;
  onClose: () => void;
}) {
  const phone = usePhone();
  const group = conversation.kind === 'group';
  const admin = group && conversation.myRole === 'admin';
  const members = [...conversation.members].sort(
    (a, b) => Number(b.role === 'admin') - Number(a.role === 'admin') || a.displayName.localeCompare(b.displayName),
  );
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 420}
      title={group ? 'Group settings' : 'Conversation details'}
      closeButtonProps={{ 'aria-label': 'Close settings' }}
    >
      <Stack gap="lg">
        {admin ? (
          <Rename conversation={conversation} />
        ) : (
          <Title order={2} size="h4">
            {conversation.title}
          </Title>
        )}
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {group ? `Members (${members.length})` : 'People'}
          </Text>
          {members.map((m) => (
            <MemberRow key={m.userId} conversation={conversation} member={m} me={me} admin={admin} />
          ))}
        </Stack>
        {admin && (
          <>
            <Divider />
            <AddPeople conversation={conversation} />
          </>
        )}
        {group && (
          <>
            <Divider />
            <Leave conversation={conversation} me={me} />
          </>
        )}
        {!group && (
          <Text size="sm" c="dimmed">
            A direct conversation is between the two of you. Start a group to talk with more people.
          </Text>
        )}
      </Stack>
    </Drawer>
  );
}
