import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { DisplayNameForm } from './DisplayNameForm.tsx';

export function ProfilePage() {
  usePageTitle('Profile');
  return (
    <Stack maw={640} gap="xl">
      <Title order={1}>Profile</Title>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section">
        <Title order={2} size="h4" mb="md">
          Your details
        </Title>
        <DisplayNameForm />
      </Paper>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section">
        <Title order={2} size="h4" mb={4}>
          Password
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          See where you are signed in on the{' '}
          <Anchor component={Link} to="/sessions">
            sessions page
          </Anchor>
          .
        </Text>
        <ChangePasswordForm />
      </Paper>
    </Stack>
  );
}
