import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../api.ts';
import { sessionStore, useCurrentUser } from '../auth/session-store.ts';
import { validateRequired } from '../auth/validation.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';

export function DisplayNameForm() {
  const user = useCurrentUser();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: user.displayName },
    validate: { displayName: validateRequired('Display name') },
  });

  async function save({ displayName }: typeof form.values) {
    setFormError(null);
    try {
      const updated = await client.me.update({ displayName: displayName.trim() });
      sessionStore.updateUser(updated);
      form.resetDirty({ displayName: updated.displayName });
      notifySuccess('Your display name was updated.');
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack>
        <TextInput label="Email" value={user.email} readOnly variant="filled" description="Your sign-in address" />
        <TextInput label="Display name" autoComplete="name" required maxLength={80} {...form.getInputProps('displayName')} />
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
