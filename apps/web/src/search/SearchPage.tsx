// The whole search (/search?q=): people, posts, hashtags and public courses in a section each, with
// how many were found. The query lives in the address, so a search can be shared and survives going
// back; the header's box sends Enter here.
import type { SearchResults } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SearchIcon } from '../people/SearchIcon.tsx';
import { PersonHeader } from '../social/PersonHeader.tsx';
import { formatRelative } from '../ui/format.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Highlighted, plainText, queryWords, snippet } from './highlight.tsx';
import { resultCount, resultPaths, searchQuery } from './queries.ts';

/** The most the server gives of each kind. */
const PER_KIND = 20;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const inAddress = params.get('q') ?? '';
  const [search, setSearch] = useState(inAddress);
  const [q] = useDebouncedValue(search.trim(), 300);
  usePageTitle(q ? `Search: ${q}` : 'Search');
  useEffect(() => {
    if (inAddress !== q) setParams(q ? { q } : {}, { replace: true });
  }, [q, inAddress, setParams]);
  const input = useRef<HTMLInputElement>(null);
  // Arriving with nothing to look for (the phone's search button), one starts typing at once.
  const [arrivedEmpty] = useState(!inAddress);
  useEffect(() => {
    if (arrivedEmpty) input.current?.focus();
  }, [arrivedEmpty]);
  const results = useQuery(searchQuery(q, PER_KIND));

  return (
    <Stack gap="md" maw={840}>
      <Title order={1}>Search</Title>
      <TextInput
        ref={input}
        aria-label="Search"
        placeholder="Search people, posts, #tags, courses"
        type="search"
        enterKeyHint="search"
        leftSection={<SearchIcon />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={560}
      />
      {!q ? (
        <Notice>Find people by name or @handle, posts by their words, #hashtags, and public courses.</Notice>
      ) : results.isPending ? (
        <Loading label="Searching" />
      ) : results.isError ? (
        <LoadError error={results.error} title="Could not search" />
      ) : (
        <Results results={results.data} q={q} />
      )}
    </Stack>
  );
}

function Results({ results, q }: { results: SearchResults; q: string }) {
  const words = queryWords(q);
  const total = resultCount(results);
  if (total === 0) {
    return <Notice>Nothing found for “{q}”. Check the spelling, or try fewer or shorter words: a name’s first letters are enough.</Notice>;
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" role="status">
        {total === 1 ? '1 result' : `${total} results`} for “{q}”
      </Text>
      <Section title="People" count={results.people.length}>
        {results.people.map((p) => (
          <PersonHeader key={p.userId} person={p} />
        ))}
      </Section>
      <Section title="Posts" count={results.posts.length}>
        {results.posts.map((p) => (
          <Stack key={p.id} gap={4} component="article" aria-label={`Post by ${p.author.displayName}`}>
            <PersonHeader person={p.author} size="sm" detail={formatRelative(p.createdAt)} />
            <Anchor component={Link} to={resultPaths.post(p)} c="inherit" size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Highlighted text={snippet(plainText(p.body), words)} words={words} />
            </Anchor>
          </Stack>
        ))}
      </Section>
      <Section title="Hashtags" count={results.hashtags.length}>
        <Group gap="xs">
          {results.hashtags.map((h) => (
            <Anchor key={h.tag} component={Link} to={resultPaths.hashtag(h)} size="sm" fw={600}>
              #{h.tag}{' '}
              <Text span size="xs" c="dimmed" fw={400}>
                {h.posts === 1 ? '1 post' : `${h.posts} posts`}
              </Text>
            </Anchor>
          ))}
        </Group>
      </Section>
      <Section title="Courses" count={results.courses.length}>
        {results.courses.map((c) => (
          <Stack key={c.courseId} gap={2}>
            <Anchor component={Link} to={resultPaths.course(c)} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Highlighted text={c.title} words={words} />
            </Anchor>
            <Text size="xs" c="dimmed">
              {c.institutionName}
            </Text>
            {c.summary && (
              <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {c.summary}
              </Text>
            )}
          </Stack>
        ))}
      </Section>
    </Stack>
  );
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  const id = `search-${title.toLowerCase()}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Badge variant="light" color="gray" size="sm">
          {count}
        </Badge>
        {count === PER_KIND && (
          <Text size="xs" c="dimmed">
            the first {PER_KIND}; more words narrow it down
          </Text>
        )}
      </Group>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}
