import { Alert, Center, Loader, Paper, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
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

/** A quiet card for "nothing here yet" and "choose something first". */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Text size="sm" c="dimmed" maw={640}>
        {children}
      </Text>
    </Paper>
  );
}
