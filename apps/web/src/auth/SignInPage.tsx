import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PasswordField } from '../ui/PasswordField.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { AuthCard } from './AuthCard.tsx';
import { safeNext, withNext } from './next-path.ts';
import { useSession } from './session-store.ts';
import { validateEmail } from './validation.ts';

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: params.get('email') ?? '', password: '' },
    validate: {
      email: validateEmail,
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  if (session.status === 'signedIn') return <Navigate to={next} replace />;

  async function signIn(values: typeof form.values) {
    setFormError(null);
    try {
      await client.auth.login({ email: values.email.trim(), password: values.password });
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to EDU Matrix Interlinked"
      footer={
        <>
          New here?{' '}
          <Anchor component={Link} to={withNext('/signup', next)}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit(signIn, focusFirstInvalid)} noValidate>
        <Stack>
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordField label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <FormAlert message={formError} />
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
