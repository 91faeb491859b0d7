// The menu of one message: react, reply in a thread, and for its author edit, for its author or a
// group's admin delete.
import { type Message, REACTION_EMOJI } from '@edumatrix/contracts';
import { ActionIcon, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useConversation } from './conversation-context.ts';
import { DotsIcon } from './icons.tsx';
import classes from './MessageItem.module.css';
import { useDeleteMessage, useReact } from './mutations.ts';

export function MessageActions({ message, onEdit, inThread }: { message: Message; onEdit: () => void; inThread: boolean }) {
  const { me, isAdmin, conversation, openThread } = useConversation();
  const react = useReact();
  const remove = useDeleteMessage();
  const [confirming, confirm] = useDisclosure(false);
  const mine = message.senderId === me;
  const mayDelete = mine || (conversation.kind === 'group' && isAdmin);
  const reacted = (emoji: string) => message.reactions.some((r) => r.emoji === emoji && r.userIds.includes(me));

  return (
    <>
      <Menu position={mine ? 'bottom-end' : 'bottom-start'} withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size="sm" radius="xl" className={classes.actions} aria-label="Message actions">
            <DotsIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Group gap={2} px={4} py={2} wrap="nowrap" role="group" aria-label="React">
            {REACTION_EMOJI.map((emoji) => (
              <Menu.Item
                key={emoji}
                p={4}
                fz="lg"
                w="auto"
                aria-label={`React with ${emoji}`}
                aria-pressed={reacted(emoji)}
                bg={reacted(emoji) ? 'var(--mantine-primary-color-light)' : undefined}
                onClick={() => react.mutate({ message, emoji, on: !reacted(emoji) })}
              >
                {emoji}
              </Menu.Item>
            ))}
          </Group>
          <Menu.Divider />
          {!inThread && <Menu.Item onClick={() => openThread(message.id)}>Reply in thread</Menu.Item>}
          {mine && <Menu.Item onClick={onEdit}>Edit</Menu.Item>}
          {mayDelete && (
            <Menu.Item color="red" onClick={confirm.open}>
              Delete
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={confirming} onClose={confirm.close} title="Delete this message?" size="sm" centered>
        <Text size="sm" mb="md">
          Everyone in the conversation will see that a message was deleted. Its text and files go for good.
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={confirm.close}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(message, { onSettled: confirm.close })}>
            Delete
          </Button>
        </Group>
      </Modal>
    </>
  );
}
