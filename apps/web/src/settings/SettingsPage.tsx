import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ThresholdForm } from '../attendance/AttendanceReportView.tsx';
import { settingsQuery as attendanceSettingsQuery } from '../attendance/queries.ts';
import { InstitutionSettingsForm } from '../institutions/InstitutionSettingsForm.tsx';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { BrandColorSection } from './BrandColorSection.tsx';
import { GradingScaleForm } from './GradingScaleForm.tsx';
import { LogoSection } from './LogoSection.tsx';
import { gradingScaleQuery } from './queries.ts';

function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
      <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>{children}</div>
    </Paper>
  );
}

/** The institution's settings, for its owners and admins: one page, one section each. */
export function SettingsPage() {
  const institution = useInstitutionContext();
  const scale = useQuery(gradingScaleQuery(institution.id));
  const attendance = useQuery(attendanceSettingsQuery(institution.id));
  if (!canManage(institution.myRole)) {
    return (
      <Alert color="gray" variant="light" title="Settings">
        Only owners and admins can change this institution's settings.
      </Alert>
    );
  }
  return (
    // The switcher reuses this page for another institution; every form must start over.
    <Stack gap="lg" key={institution.id}>
      <Section id="settings-profile" title="Profile" hint="Leave a field empty to remove it.">
        <InstitutionSettingsForm institution={institution} />
      </Section>
      <Section id="settings-logo" title="Logo">
        <LogoSection institution={institution} />
      </Section>
      <Section id="settings-brand" title="Brand colour">
        <BrandColorSection institution={institution} />
      </Section>
      <Section id="settings-grading" title="Grading scale" hint="Term grades are read off these bands.">
        {scale.isPending ? (
          <Loading label="Loading the grading scale" />
        ) : scale.isError ? (
          <LoadError error={scale.error} />
        ) : (
          <GradingScaleForm institutionId={institution.id} scale={scale.data} />
        )}
      </Section>
      <Section id="settings-attendance" title="Attendance alerts">
        {attendance.isPending ? (
          <Loading label="Loading the attendance settings" />
        ) : attendance.isError ? (
          <LoadError error={attendance.error} />
        ) : (
          <ThresholdForm institution={institution} alertBelow={attendance.data.alertBelow} />
        )}
      </Section>
    </Stack>
  );
}
