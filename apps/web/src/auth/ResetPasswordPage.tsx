import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PasswordField } from '../ui/PasswordField.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { AuthCard } from './AuthCard.tsx';
import { MIN_PASSWORD, validateNewPassword } from './validation.ts';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ initialValues: { newPassword: '' }, validate: { newPassword: validateNewPassword } });

  async function reset({ newPassword }: typeof form.values) {
    if (!token) return;
    setFormError(null);
    try {
      await client.auth.resetPassword({ token, newPassword });
      notifySuccess('Sign in with your new password.', 'Password changed');
      await navigate('/signin', { replace: true });
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <AuthCard
      title="Choose a new password"
      footer={
        <Anchor component={Link} to="/forgot-password">
          Need a new link?
        </Anchor>
      }
    >
      {token ? (
        <form onSubmit={form.onSubmit(reset, focusFirstInvalid)} noValidate>
          <Stack>
            <PasswordField
              label="New password"
              description={`At least ${MIN_PASSWORD} characters`}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <FormAlert message={formError} />
            <Button type="submit" loading={form.submitting} fullWidth>
              Set new password
            </Button>
          </Stack>
        </form>
      ) : (
        <Alert color="red" variant="light" role="alert">
          This link is incomplete. Open the link from the email again, or ask for a new one.
        </Alert>
      )}
    </AuthCard>
  );
}
