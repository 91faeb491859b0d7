import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage, problemOf } from '../ui/problem.ts';

type Props = {
  opened: boolean;
  /** "department", "academic year", "term" */
  what: string;
  name: string;
  onDelete: () => Promise<unknown>;
  /** Offered when the server refuses because something still uses it; absent when there is nothing to archive. */
  onArchive?: () => Promise<unknown>;
  onClose: () => void;
  /** Said when something in use cannot be archived itself (a term: its year can). */
  archiveHint?: string;
};

/**
 * Asks before deleting. Things still in use cannot be deleted: the server says what uses them,
 * and archiving (which keeps them for the records that point at them) is one click away.
 */
export function DeleteModal({ opened, what, name, onDelete, onArchive, onClose, archiveHint }: Props) {
  const remove = useMutation({ mutationFn: onDelete, onSuccess: () => close() });
  const archive = useMutation({ mutationFn: () => onArchive?.() ?? Promise.resolve(), onSuccess: () => close() });
  const inUse = problemOf(remove.error)?.code === 'structure.in_use';

  function close() {
    onClose();
    // Forgotten on close, so the next delete asks afresh.
    remove.reset();
    archive.reset();
  }

  return (
    <Modal opened={opened} onClose={close} title={inUse ? `This ${what} is still in use` : `Delete ${what}?`} centered>
      <Stack>
        {inUse ? (
          <Alert color="orange" variant="light" role="alert">
            {errorMessage(remove.error)}
            {!onArchive && archiveHint && ` ${archiveHint}`}
          </Alert>
        ) : (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <strong>{name}</strong> will be deleted. This cannot be undone.
            {onArchive && ` To keep it for past records but hide it from new ones, archive it instead.`}
          </Text>
        )}
        <FormAlert message={remove.isError && !inUse ? errorMessage(remove.error) : archive.isError ? errorMessage(archive.error) : null} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {onArchive && (inUse || archive.isPending) ? (
            <Button color="orange" loading={archive.isPending} onClick={() => archive.mutate()}>
              Archive instead
            </Button>
          ) : (
            <Button color="red" loading={remove.isPending} disabled={inUse} onClick={() => remove.mutate()}>
              Delete {what}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
