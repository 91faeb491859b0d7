import { Alert, Center, Loader, VisuallyHidden } from '@mantine/core';
import { errorMessage } from './problem.ts';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl" role="status">
      <Loader size="md" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}

export function LoadError({ error, title = 'Could not load this page' }: { error: unknown; title?: string }) {
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
