import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Stack align="center" ta="center" py="xl" gap="md">
      <Title order={1}>Page not found</Title>
      <Text c="dimmed">The address may be mistyped, or the page may have moved.</Text>
      <Button component={Link} to="/">
        Go to the start page
      </Button>
    </Stack>
  );
}
