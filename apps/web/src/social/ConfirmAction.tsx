// Asks before an action that is hard to take back (delete, block, mute, remove a connection); the
// server's refusal stays in the dialog rather than flashing past.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage } from '../ui/problem.ts';

type Props = {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
};

export function ConfirmAction({ opened, title, children, confirmLabel, danger = true, onConfirm, onClose }: Props) {
  const action = useMutation({ mutationFn: onConfirm, onSuccess: () => close() });

  function close() {
    onClose();
    action.reset();
  }

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <Stack>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {children}
        </Text>
        <FormAlert message={action.isError ? errorMessage(action.error) : null} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color={danger ? 'red' : undefined} loading={action.isPending} onClick={() => action.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
