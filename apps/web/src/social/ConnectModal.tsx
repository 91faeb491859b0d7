// Asking someone to connect, with an optional note. Connections see "connections only" posts and
// fields; the other person must accept.
import type { PersonSummary } from '@edumatrix/contracts';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormActions } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { refreshGraph, runGraphAction } from './graph-mutations.ts';

function ConnectForm({ person, onDone }: { person: PersonSummary; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { message: '' },
    validate: { message: (v) => (v.trim().length > 300 ? 'Keep it under 300 characters' : null) },
  });

  async function send({ message }: { message: string }) {
    setFormError(null);
    const action = { type: 'connect' as const, userId: person.userId, message: message.trim() };
    try {
      await runGraphAction(action);
      refreshGraph(queryClient, action);
      notifySuccess(`Request sent to ${person.displayName}.`);
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(send, focusFirstInvalid)} noValidate>
      <Stack>
        <Text size="sm">{person.displayName} will see your request on their Network page and can accept or decline it.</Text>
        <Textarea label="Note (optional)" autosize minRows={2} maxRows={5} maxLength={300} {...form.getInputProps('message')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Send request
        </FormActions>
      </Stack>
    </form>
  );
}

export function ConnectModal({ person, opened, onClose }: { person: PersonSummary; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Connect with ${person.displayName}`}>
      {opened && <ConnectForm person={person} onDone={onClose} />}
    </Modal>
  );
}
