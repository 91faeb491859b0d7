import { Anchor, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { catalogueQuery } from '../courses/queries.ts';
import { SearchIcon } from '../people/SearchIcon.tsx';
import { formatDate } from '../ui/format.ts';
import { LoadMore } from '../ui/LoadMore.tsx';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

/** The public catalogue: published public courses of every institution, open to anyone, signed in or not. */
export function CataloguePage() {
  usePageTitle('Course catalogue');
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  // The search lives in the address, so a search can be shared and survives going back.
  const inAddress = params.get('q') ?? '';
  useEffect(() => {
    if (inAddress !== q) setParams(q ? { q } : {}, { replace: true });
  }, [q, inAddress, setParams]);
  const list = useInfiniteQuery({ ...catalogueQuery(q), placeholderData: (previous) => previous });
  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1}>Course catalogue</Title>
        <Text c="dimmed" maw={640}>
          Public courses from the institutions on EDU Matrix Interlinked. Anyone can browse them.
        </Text>
      </Stack>
      <TextInput
        aria-label="Search the catalogue"
        placeholder="Search courses"
        type="search"
        leftSection={<SearchIcon />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={520}
      />
      {list.isPending ? (
        <Loading label="Loading the catalogue" />
      ) : list.isError ? (
        <LoadError error={list.error} title="Could not load the catalogue" />
      ) : entries.length === 0 ? (
        <Notice>{q ? `No public course matches “${q}”.` : 'No public courses yet.'}</Notice>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="md">
          {entries.map((entry) => (
            <Card key={entry.courseId} withBorder radius="md" padding="md" component="article" aria-label={entry.title}>
              <Stack gap={6} h="100%">
                <Anchor component={Link} to={`/catalogue/${entry.courseId}`} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
                  {entry.title}
                </Anchor>
                <Text size="sm" fw={500} c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {entry.institutionName}
                </Text>
                {entry.summary && (
                  <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                    {entry.summary}
                  </Text>
                )}
                <Group mt="auto" pt={4}>
                  <Text size="xs" c="dimmed">
                    Published {formatDate(entry.publishedAt)}
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <LoadMore list={list} count={entries.length} noun={['course', 'courses']} />
    </Stack>
  );
}
