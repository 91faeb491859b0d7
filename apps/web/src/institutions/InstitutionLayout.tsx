import { Badge, Group, Image, Stack, Text, Title } from '@mantine/core';
import { Outlet } from 'react-router';
import { peopleTabLabel } from '../people/labels.ts';
import { BrandScope } from '../settings/BrandScope.tsx';
import { logoAt } from '../settings/queries.ts';
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
    { to: `${base}/courses`, label: 'Courses' },
    { to: `${base}/grades`, label: 'Grades' },
    { to: `${base}/announcements`, label: 'Announcements' },
    ...(canManage(institution.myRole)
      ? [
          { to: `${base}/settings`, label: 'Settings' },
          { to: `${base}/audit`, label: 'Audit log' },
          { to: `${base}/webhooks`, label: 'Webhooks' },
        ]
      : []),
  ];

  return (
    // The institution's brand colour is the primary colour of everything on its pages.
    <BrandScope color={institution.brandColor} wholePage>
      <Stack gap="lg">
        <Stack gap={6}>
          <Group gap="sm" wrap="nowrap" align="center">
            {institution.logoUrl && (
              <Image src={logoAt(institution.logoUrl, '64')} alt="" w={48} h={48} fit="contain" style={{ flexShrink: 0 }} />
            )}
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              {institution.name}
            </Title>
          </Group>
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
    </BrandScope>
  );
}
