import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { MIN_PASSWORD, validateNewPassword } from '../auth/validation.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PasswordField } from '../ui/PasswordField.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { sessionsKey } from './sessions-query.ts';

export function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: (value, values) =>
        validateNewPassword(value) ?? (value === values.currentPassword ? 'Choose a password you have not used here' : null),
    },
  });

  async function change(values: typeof form.values) {
    setFormError(null);
    try {
      await client.me.changePassword(values);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
      notifySuccess('For your safety, every other session was signed out. This one stays signed in.', 'Password changed');
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(change, focusFirstInvalid)} noValidate>
      <Stack>
        <PasswordField label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
        <PasswordField
          label="New password"
          description={`At least ${MIN_PASSWORD} characters. Other sessions will be signed out.`}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
