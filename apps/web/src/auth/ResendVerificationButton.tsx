import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { client } from '../api.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';

export function ResendVerificationButton(props: ButtonProps) {
  const resend = useMutation({
    mutationFn: () => client.auth.resendVerification(),
    onSuccess: () => notifySuccess('Check your inbox for a new verification link.', 'Email sent'),
    onError: (error) => notifyError(error, 'Could not send the email'),
  });
  return (
    <Button variant="light" loading={resend.isPending} onClick={() => resend.mutate()} {...props}>
      Resend verification email
    </Button>
  );
}
