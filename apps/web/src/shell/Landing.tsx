import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { BookIcon, BriefcaseIcon, BuildingIcon, PeopleIcon } from './icons.tsx';

type Feature = { title: string; text: string; icon: ReactNode; color: string; soon?: boolean };

const FEATURES: Feature[] = [
  {
    title: 'Institutions',
    text: 'Schools, colleges, universities and training centers run their members, roles and invitations in one place.',
    icon: <BuildingIcon />,
    color: 'indigo',
  },
  {
    title: 'Courses',
    text: 'Teachers publish courses and lessons; students follow them from any device.',
    icon: <BookIcon />,
    color: 'teal',
  },
  {
    title: 'Social network',
    text: 'Students, teachers and parents connect, share work and discuss across institutions.',
    icon: <PeopleIcon />,
    color: 'grape',
    soon: true,
  },
  {
    title: 'Careers',
    text: 'Internships and first jobs, matched to what students actually learned.',
    icon: <BriefcaseIcon />,
    color: 'orange',
    soon: true,
  },
];

export function Landing() {
  usePageTitle(null);
  return (
    <Stack gap={48} py={{ base: 'md', sm: 'xl' }}>
      <Stack gap="lg" maw={720}>
        <Text c="indigo" fw={700} tt="uppercase" size="sm">
          Open education platform
        </Text>
        <Title order={1} fz={{ base: 34, sm: 48 }} lh={1.1}>
          Every classroom, connected.
        </Title>
        <Text size="lg" c="dimmed">
          EDU Matrix Interlinked brings institutions, courses, a learning community and careers together in one open platform, for the
          people who teach, learn and support learning.
        </Text>
        <Group gap="sm">
          <Button component={Link} to="/signup" size="md">
            Sign up
          </Button>
          <Button component={Link} to="/signin" size="md" variant="default">
            Sign in
          </Button>
          <Button component={Link} to="/catalogue" size="md" variant="subtle">
            Browse public courses
          </Button>
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {FEATURES.map((feature) => (
          <Card component="li" key={feature.title} withBorder radius="md" padding="lg">
            <Group justify="space-between" mb="sm">
              <ThemeIcon variant="light" color={feature.color} size={40} radius="md" fz={22}>
                {feature.icon}
              </ThemeIcon>
              {feature.soon && (
                <Badge variant="outline" color="gray" size="sm">
                  Coming soon
                </Badge>
              )}
            </Group>
            <Title order={2} size="h4" mb={6}>
              {feature.title}
            </Title>
            <Text size="sm" c="dimmed">
              {feature.text}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
