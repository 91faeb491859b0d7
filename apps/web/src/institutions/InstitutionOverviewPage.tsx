import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DashboardSection } from '../dashboards/DashboardSection.tsx';
import { InstitutionDetails } from './InstitutionDetails.tsx';
import { canManage } from './options.ts';
import { useInstitutionContext } from './useInstitutionContext.ts';

export function InstitutionOverviewPage() {
  const institution = useInstitutionContext();
  return (
    <Stack gap="lg">
      <DashboardSection institution={institution} />
      <InstitutionDetails institution={institution} />
      {canManage(institution.myRole) && (
        // The profile form lives on the Settings page, with the logo, colours and grading scale.
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              Owners and admins change the profile, logo, brand colour and grading scale in Settings.
            </Text>
            <Button component={Link} to={`/institutions/${institution.id}/settings`} variant="light">
              Open settings
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
