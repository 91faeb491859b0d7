import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage } from '../ui/problem.ts';

type Props = {
  opened: boolean;
  /** "student", "staff member" */
  what: string;
  name: string;
  /** What else goes with it, said before the person confirms. */
  consequence?: string;
  onDelete: () => Promise<unknown>;
  onClose: () => void;
};

/** Asks before deleting a record; the server's refusal stays in the dialog. */
export function ConfirmDeleteModal({ opened, what, name, consequence, onDelete, onClose }: Props) {
  const remove = useMutation({ mutationFn: onDelete, onSuccess: () => close() });

  function close() {
    onClose();
    remove.reset();
  }

  return (
    <Modal opened={opened} onClose={close} title={`Delete ${what}?`} centered>
      <Stack>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <strong>{name}</strong> will be deleted. This cannot be undone.{consequence && ` ${consequence}`}
        </Text>
        <FormAlert message={remove.isError ? errorMessage(remove.error) : null} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            Delete {what}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
