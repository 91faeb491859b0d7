// Confirms taking a post or comment down, with an optional note that its author is told.
import { MAX_MODERATION_NOTE as NOTE_MAX } from '@edumatrix/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';

type Props = { what: 'post' | 'comment'; opened: boolean; onClose: () => void; onRemove: (note: string) => Promise<unknown> };

function RemoveForm({ what, onClose, onRemove }: Omit<Props, 'opened'>) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { note: '' },
    validate: { note: (v) => (v.length > NOTE_MAX ? `Keep it under ${NOTE_MAX} characters` : null) },
  });

  async function submit(values: { note: string }) {
    setFormError(null);
    try {
      await onRemove(values.note);
      onClose();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(submit, focusFirstInvalid)} noValidate>
      <Stack>
        <Text size="sm">
          The {what} is deleted for everyone and every open report on it is closed. Its author is told, with your note if you write one.
        </Text>
        <Textarea
          label="Note to the author (optional)"
          description={`${form.values.note.length}/${NOTE_MAX}`}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('note')}
        />
        <FormAlert message={formError} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={form.submitting}>
            Remove {what}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RemoveModal({ opened, ...props }: Props) {
  return (
    <Modal opened={opened} onClose={props.onClose} title={`Remove this ${props.what}?`} centered>
      {opened && <RemoveForm {...props} />}
    </Modal>
  );
}
