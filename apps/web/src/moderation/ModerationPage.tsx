// The moderation queue (platform moderators): one card per reported post or comment, newest first.
import { Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../ui/LoadMore.tsx';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useIsModerator } from './moderator.tsx';
import { groupByTarget, reportsQuery } from './queries.ts';
import { ReportCard } from './ReportCard.tsx';

export function ModerationPage() {
  usePageTitle('Moderation');
  const moderator = useIsModerator();
  return (
    <Stack maw={760} gap="lg">
      <div>
        <Title order={1}>Moderation</Title>
        <Text c="dimmed" size="sm">
          Posts and comments people reported. One decision closes every open report on the same post or comment.
        </Text>
      </div>
      {moderator ? <Queue /> : <Notice>Only the platform’s moderators can see the moderation queue.</Notice>}
    </Stack>
  );
}

function Queue() {
  const list = useInfiniteQuery(reportsQuery());
  if (list.isPending) return <Loading label="Loading the reports" />;
  if (list.isError) return <LoadError error={list.error} title="Could not load the reports" />;
  const groups = groupByTarget(list.data.pages.flatMap((page) => page.items));
  if (groups.length === 0) return <Notice>Nothing to review: there are no open reports.</Notice>;
  return (
    <Stack gap="md">
      {groups.map((group) => (
        <ReportCard key={group.targetId} group={group} />
      ))}
      <LoadMore list={list} />
    </Stack>
  );
}
