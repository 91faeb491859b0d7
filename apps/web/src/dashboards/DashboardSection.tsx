import type { Institution } from '@edumatrix/contracts';
import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatDay } from '../attendance/queries.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { AdminDashboardView } from './AdminDashboardView.tsx';
import { LearnerDashboardView } from './LearnerDashboardView.tsx';
import { dashboardQuery } from './queries.ts';
import { TeacherDashboardView } from './TeacherDashboardView.tsx';

const TITLES = { admin: 'Dashboard', teacher: 'Your day', student: 'Your day', parent: "Your children's day" };

/** The overview's dashboard: what it shows depends on the member's role (the server decides). */
export function DashboardSection({ institution }: { institution: Institution }) {
  const dashboard = useQuery(dashboardQuery(institution.id));
  if (dashboard.isPending) return <Loading label="Loading the dashboard" />;
  if (dashboard.isError) return <LoadError error={dashboard.error} title="Could not load the dashboard" />;
  const d = dashboard.data;
  return (
    <Stack gap="md" component="section" aria-labelledby="dashboard-title" data-dashboard={d.kind}>
      <div>
        <Title order={2} size="h3" id="dashboard-title">
          {TITLES[d.kind]}
        </Title>
        <Text size="sm" c="dimmed">
          {formatDay(d.today)}
        </Text>
      </div>
      {d.kind === 'admin' ? (
        <AdminDashboardView dashboard={d} />
      ) : d.kind === 'teacher' ? (
        <TeacherDashboardView dashboard={d} institutionId={institution.id} />
      ) : (
        <LearnerDashboardView dashboard={d} />
      )}
    </Stack>
  );
}
