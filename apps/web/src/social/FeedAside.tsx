// The feed's side column on wide screens: a link to one's own profile, who of one's connections is
// online, and a few people to connect with.
import { Anchor, Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { OnlineNow } from './OnlineNow.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { myProfileQuery, suggestionsQuery } from './queries.ts';
import { suggestionReason } from './SuggestionRow.tsx';

export function FeedAside() {
  const me = useCurrentUser();
  const profile = useQuery(myProfileQuery());
  const suggestions = useQuery(suggestionsQuery());
  return (
    <Stack gap="md" pos="sticky" top={84} component="aside" aria-label="Your network">
      <Paper withBorder radius="md" p="md">
        <PersonHeader
          person={{
            userId: me.id,
            displayName: me.displayName,
            handle: profile.data?.handle ?? null,
            avatarUrl: profile.data?.avatarUrl ?? null,
          }}
          detail={profile.data?.headline || 'Add a headline so people know you'}
        />
        {profile.data && (
          <Text size="xs" c="dimmed" mt="sm">
            {profile.data.followers} followers · {profile.data.following} following · {profile.data.connections} connections
          </Text>
        )}
        <Button component={Link} to="/me/profile" variant="light" size="xs" mt="sm" fullWidth>
          Edit your profile
        </Button>
      </Paper>
      <OnlineNow limit={6} withLink />
      {(suggestions.data?.length ?? 0) > 0 && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h5" mb="sm">
            People you may know
          </Title>
          <Stack gap="sm">
            {suggestions.data?.slice(0, 4).map((s) => (
              <PersonHeader key={s.userId} person={s} size="sm" detail={suggestionReason(s)} />
            ))}
          </Stack>
          <Anchor component={Link} to="/network" size="sm" mt="sm" display="block">
            See your network
          </Anchor>
        </Paper>
      )}
    </Stack>
  );
}

/** A page of posts with the side column next to it on wide screens (the feed, a hashtag). */
export function WithFeedAside({ children }: { children: ReactNode }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>{children}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }} visibleFrom="md">
        <FeedAside />
      </Grid.Col>
    </Grid>
  );
}
