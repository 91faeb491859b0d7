import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { Outlet } from 'react-router';
import { peopleTabLabel } from '../people/labels.ts';
import { SectionTabs } from '../ui/SectionTabs.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { canManage, countryName, roleColor, roleLabel, typeLabel } from './options.ts';
import { useInstitution } from './useInstitution.ts';
import { useLiveMembers } from './useLiveMembers.ts';

export function InstitutionLayout() {
  const { id, data: institution, error, isPending } = useInstitution();
  usePageTitle(institution?.name);
  useLiveMembers(id);

  if (isPending) return <Loading label="Loading institution" />;
  if (error) return <LoadError error={error} title="Could not open this institution" />;

  const base = `/institutions/${id}`;
  const sections = [
    { to: base, label: 'Overview', end: true },
    { to: `${base}/members`, label: 'Members' },
    { to: `${base}/structure`, label: 'Structure' },
    { to: `${base}/people`, label: peopleTabLabel(institution.myRole) },
    { to: `${base}/timetable`, label: 'Timetable' },
    { to: `${base}/attendance`, label: 'Attendance' },
    { to: `${base}/announcements`, label: 'Announcements' },
    ...(canManage(institution.myRole)
      ? [
          { to: `${base}/audit`, label: 'Audit log' },
          { to: `${base}/webhooks`, label: 'Webhooks' },
        ]
      : []),
  ];

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {institution.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {typeLabel(institution.type)}
          </Badge>
          <Badge variant="light" color={roleColor[institution.myRole]}>
            You: {roleLabel(institution.myRole)}
          </Badge>
          <Text size="sm" c="dimmed">
            {countryName(institution.country)} · {institution.timezone}
          </Text>
        </Group>
      </Stack>
      <SectionTabs label="Institution sections" sections={sections} />
      <Outlet context={institution} />
    </Stack>
  );
}
