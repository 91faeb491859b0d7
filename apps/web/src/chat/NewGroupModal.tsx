// Starting a group: a title and members picked from your connections; you become its first admin.
import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { PeoplePicker } from './PeoplePicker.tsx';
import { chatKeys } from './queries.ts';

type Values = { title: string; memberIds: string[] };

function NewGroupForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { title: '', memberIds: [] },
    validate: {
      title: (v) => (!v.trim() ? 'Name the group' : v.trim().length > 100 ? 'Keep it under 100 characters' : null),
      memberIds: (v) => (v.length === 0 ? 'Choose at least one person' : null),
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const group = await client.chat.createGroup({ title: values.title.trim(), memberIds: values.memberIds });
      queryClient.setQueryData(chatKeys.detail(group.id), group);
      await queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
      onDone();
      await navigate(`/chat/${group.id}`);
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput label="Group name" required maxLength={100} data-autofocus {...form.getInputProps('title')} />
        <PeoplePicker
          value={form.getValues().memberIds}
          onChange={(ids) => form.setFieldValue('memberIds', ids)}
          error={form.errors.memberIds as string | undefined}
        />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Create group
        </FormActions>
      </Stack>
    </form>
  );
}

export function NewGroupModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="New group" size="md">
      {opened && <NewGroupForm onDone={onClose} />}
    </ResponsiveModal>
  );
}
