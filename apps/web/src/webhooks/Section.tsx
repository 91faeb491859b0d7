import { Alert, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={hint ? 2 : 'md'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="md">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

export function ManagersOnly() {
  return (
    <Alert color="gray" variant="light">
      Only owners and admins can manage webhooks.
    </Alert>
  );
}
