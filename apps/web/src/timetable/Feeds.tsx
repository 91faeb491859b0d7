import type { CalendarFeed, CreateFeedBody, Institution } from '@edumatrix/contracts';
import { Alert, Button, Code, CopyButton, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { errorMessage, notifyError, notifySuccess } from '../ui/problem.ts';
import { feedsQuery, type Names, timetableKeys } from './queries.ts';

/** Calendar apps subscribe to webcal:// addresses with one click; the https one is for pasting. */
const webcalOf = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

function FeedReveal({ url }: { url: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus brings it into view and has screen readers read it out.
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" title="Your calendar address">
      <Stack gap="sm">
        <Text size="sm">
          Copy it now: it is shown only once. Anyone with this address can see the timetable, so keep it to yourself; revoke it below if it
          gets out.
        </Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-feed-url>
          {url}
        </Code>
        <Group gap="xs">
          <CopyButton value={url} timeout={2000}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'teal' : 'orange'} onClick={copy}>
                {copied ? 'Copied' : 'Copy address'}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" component="a" href={webcalOf(url)}>
            Open in calendar app
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

type SubscribeProps = {
  institution: Institution;
  feed: CreateFeedBody | null;
  /** "Grade 9 – A", "your teaching week" */
  what: string;
  opened: boolean;
  onClose: () => void;
};

export function SubscribeModal({ institution, feed, what, opened, onClose }: SubscribeProps) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: CreateFeedBody) => client.timetable.createFeed(institution.id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timetableKeys.feeds(institution.id) }),
  });

  function close() {
    onClose();
    // The address is not kept: it is shown once.
    create.reset();
  }

  return (
    <Modal opened={opened} onClose={close} title="Subscribe in your calendar" size="lg">
      <Stack gap="md">
        <Text size="sm">
          Get a private address for the timetable of <strong>{what}</strong>. Add it to Google Calendar (Other calendars → From URL),
          Outlook (Add calendar → Subscribe from web) or Apple Calendar (File → New Calendar Subscription), and changes here show up there
          within a few hours.
        </Text>
        {create.data?.url ? (
          <FeedReveal url={create.data.url} />
        ) : (
          <FormAlert message={create.isError ? errorMessage(create.error) : null} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {create.data ? 'Done' : 'Cancel'}
          </Button>
          {!create.data && feed && (
            <Button loading={create.isPending} onClick={() => create.mutate(feed)}>
              Create calendar address
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

const KIND_LABEL: Record<CalendarFeed['kind'], string> = { class: 'Class', teacher: 'Teacher', student: 'Student' };

/** The calendar addresses this person made here, each with a way to stop it. */
export function FeedList({ institution, names }: { institution: Institution; names: Names }) {
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const feeds = useQuery(feedsQuery(institution.id));
  const revoke = useMutation({
    mutationFn: (feed: CalendarFeed) => client.timetable.revokeFeed(institution.id, feed.id),
    onSuccess: () => notifySuccess('The calendar address was revoked. Calendars using it stop updating.'),
    onError: (error) => notifyError(error, 'Could not revoke the address'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: timetableKeys.feeds(institution.id) }),
  });
  const active = (feeds.data ?? []).filter((f) => !f.revokedAt);
  if (active.length === 0) return null;

  const nameOf = (feed: CalendarFeed) =>
    feed.kind === 'class'
      ? names.className(feed.subjectId)
      : feed.kind === 'teacher'
        ? feed.subjectId === me.id
          ? 'Your teaching week'
          : (names.teacherName(feed.subjectId) ?? 'A teacher')
        : names.studentName(feed.subjectId);

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="calendar-feeds">
      <Title order={2} size="h4" id="calendar-feeds" mb={2}>
        Your calendar feeds
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Addresses you have added to a calendar app. Revoke one you no longer use or may have shared by mistake.
      </Text>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {active.map((feed) => (
          <Group
            key={feed.id}
            component="li"
            justify="space-between"
            gap="xs"
            py={6}
            wrap="nowrap"
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
          >
            <Stack gap={0} miw={0}>
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {nameOf(feed)}
              </Text>
              <Text size="xs" c="dimmed">
                {KIND_LABEL[feed.kind]} timetable · created {formatDate(feed.createdAt)}
              </Text>
            </Stack>
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              loading={revoke.isPending && revoke.variables?.id === feed.id}
              onClick={() => revoke.mutate(feed)}
              aria-label={`Revoke the calendar address for ${nameOf(feed)}`}
            >
              Revoke
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
