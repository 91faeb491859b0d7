import { Paper, Stack, Text, Title } from '@mantine/core';
import { InstitutionDetails } from './InstitutionDetails.tsx';
import { InstitutionSettingsForm } from './InstitutionSettingsForm.tsx';
import { canManage } from './options.ts';
import { useInstitutionContext } from './useInstitutionContext.ts';

export function InstitutionOverviewPage() {
  const institution = useInstitutionContext();
  return (
    <Stack gap="lg">
      <InstitutionDetails institution={institution} />
      {canManage(institution.myRole) && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="institution-settings">
          <Title order={2} size="h4" id="institution-settings">
            Settings
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            Owners and admins can change these. Leave a field empty to remove it.
          </Text>
          {/* The switcher reuses this page for another institution; its form must start over. */}
          <InstitutionSettingsForm key={institution.id} institution={institution} />
        </Paper>
      )}
    </Stack>
  );
}
