import type { InstitutionSummary } from '@edumatrix/contracts';
import { Badge, Button, Card, EmptyState, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { BuildingIcon, PlusIcon } from '../shell/icons.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import classes from './InstitutionCard.module.css';
import { countryName, roleColor, roleLabel, typeLabel } from './options.ts';
import { institutionsQuery } from './queries.ts';

function InstitutionCard({ institution }: { institution: InstitutionSummary }) {
  return (
    <Card component={Link} to={`/institutions/${institution.id}`} withBorder radius="md" padding="lg" className={classes.card}>
      <Stack gap="xs">
        <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
          {institution.name}
        </Title>
        <Group gap={6}>
          <Badge variant="light" color="gray">
            {typeLabel(institution.type)}
          </Badge>
          <Badge variant="light" color={roleColor[institution.myRole]}>
            {roleLabel(institution.myRole)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {countryName(institution.country)} · {institution.timezone}
        </Text>
      </Stack>
    </Card>
  );
}

export function YourInstitutions() {
  usePageTitle('Home');
  const user = useCurrentUser();
  const institutions = useQuery(institutionsQuery());

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Text c="dimmed" size="sm">
            Welcome, {user.displayName}
          </Text>
          <Title order={1}>Your institutions</Title>
        </div>
        {(institutions.data?.length ?? 0) > 0 && (
          <Button component={Link} to="/institutions/new" variant="light" leftSection={<PlusIcon />}>
            New institution
          </Button>
        )}
      </Group>
      {institutions.isPending ? (
        <Loading label="Loading your institutions" />
      ) : institutions.isError ? (
        <LoadError error={institutions.error} title="Could not load your institutions" />
      ) : institutions.data.length === 0 ? (
        <Card withBorder radius="md" py="xl">
          <EmptyState
            icon={<BuildingIcon />}
            title="You are not part of an institution yet"
            description="Create one for your school, college, university or training center, or open the invitation link an administrator sent you."
          >
            <EmptyState.Actions>
              <Button component={Link} to="/institutions/new" leftSection={<PlusIcon />}>
                Create an institution
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {institutions.data.map((institution) => (
            <InstitutionCard key={institution.id} institution={institution} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
