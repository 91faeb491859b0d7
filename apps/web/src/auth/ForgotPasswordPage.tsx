import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { AuthCard } from './AuthCard.tsx';
import { validateEmail } from './validation.ts';

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' }, validate: { email: validateEmail } });

  async function requestReset({ email }: typeof form.values) {
    setFormError(null);
    try {
      await client.auth.requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="We will email you a link to choose a new one"
      footer={
        <Anchor component={Link} to="/signin">
          Back to sign in
        </Anchor>
      }
    >
      {sentTo ? (
        // Same answer whether or not the account exists, so the form cannot be used to probe for accounts.
        <Alert color="teal" variant="light" title="Check your inbox" role="status">
          If an account exists for {sentTo}, we sent a link to reset its password. The link expires soon, so use it today.
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit(requestReset, focusFirstInvalid)} noValidate>
          <Stack>
            <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <FormAlert message={formError} />
            <Button type="submit" loading={form.submitting} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
