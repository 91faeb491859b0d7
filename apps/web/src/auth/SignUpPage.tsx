import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PasswordField } from '../ui/PasswordField.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { AuthCard } from './AuthCard.tsx';
import { safeNext, withNext } from './next-path.ts';
import { useSession } from './session-store.ts';
import { MIN_PASSWORD, validateEmail, validateNewPassword, validateRequired } from './validation.ts';

export function SignUpPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: '', email: '', password: '' },
    validate: {
      displayName: validateRequired('Display name'),
      email: validateEmail,
      password: validateNewPassword,
    },
  });

  if (session.status === 'signedIn') return <Navigate to={next} replace />;

  async function signUp(values: typeof form.values) {
    setFormError(null);
    try {
      const { user } = await client.auth.register({
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        password: values.password,
      });
      notifySuccess(`We sent a link to ${user.email} to confirm your address.`, `Welcome, ${user.displayName}`);
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <AuthCard
      title="Create your account"
      subtitle="Join institutions, courses and a community of learners"
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={withNext('/signin', next)}>
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit(signUp, focusFirstInvalid)} noValidate>
        <Stack>
          <TextInput
            label="Display name"
            description="How others will see you"
            autoComplete="name"
            required
            maxLength={80}
            {...form.getInputProps('displayName')}
          />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordField
            label="Password"
            description={`At least ${MIN_PASSWORD} characters. A long phrase is easy to remember and hard to guess.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <FormAlert message={formError} />
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign up
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
