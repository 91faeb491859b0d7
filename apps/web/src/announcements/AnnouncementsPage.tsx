import type { Announcement, Institution } from '@edumatrix/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { ConfirmDeleteModal } from '../people/ConfirmDeleteModal.tsx';
import { useLookups } from '../structure/lookups.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { lookupQuery } from '../structure/queries.ts';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AnnouncementFormModal } from './AnnouncementFormModal.tsx';
import { announcementKeys, announcementsQuery, announces } from './queries.ts';

type Namer = {
  audience: (a: Announcement['audience']) => string;
  author: (id: string) => string | null;
};

function Announcements({ institution }: { institution: Institution }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const manager = canManage(institution.myRole);
  const author = announces(institution.myRole);
  usePageTitle(`Announcements · ${institution.name}`);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<{ opened: boolean; subject: Announcement | null }>({ opened: false, subject: null });

  const published = useInfiniteQuery(announcementsQuery(institution.id, false));
  const scheduled = useInfiniteQuery({ ...announcementsQuery(institution.id, true), enabled: author });
  const classes = useQuery(lookupQuery(institution.id, 'classes'));
  const departments = useQuery(lookupQuery(institution.id, 'departments'));
  const lookups = useLookups(institution, { teachers: true });
  const names: Namer = {
    audience: (a) =>
      a.kind === 'institution'
        ? 'Everyone'
        : ((a.kind === 'class' ? classes.data?.items : departments.data?.items)?.find((u) => u.id === a.id)?.name ??
          (a.kind === 'class' ? 'A class' : 'A department')),
    author: (id) => (id === me.id ? 'You' : (lookups.teacher(id)?.displayName ?? null)),
  };
  const mayDelete = (a: Announcement) => manager || a.createdBy === me.id;
  const onDelete = (a: Announcement) => setDeleting({ opened: true, subject: a });

  const items = published.data?.pages.flatMap((p) => p.items) ?? [];
  const waiting = scheduled.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title="Announcements"
        hint={
          author
            ? 'News for the whole institution, a department or a class. Each reaches its audience’s notifications.'
            : 'News from the institution for you.'
        }
        action={author ? { label: 'New announcement', onClick: () => setCreating(true) } : null}
      />
      {author && waiting.length > 0 && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="scheduled-title">
          <Title order={3} size="h4" id="scheduled-title" mb="sm">
            Scheduled
          </Title>
          <Stack gap="sm">
            {waiting.map((a) => (
              <AnnouncementCard key={a.id} announcement={a} names={names} onDelete={mayDelete(a) ? onDelete : null} />
            ))}
          </Stack>
        </Paper>
      )}
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-label="Published announcements">
        {waiting.length > 0 && (
          <Title order={3} size="h4" mb="sm">
            Published
          </Title>
        )}
        {published.isPending ? (
          <Loading label="Loading announcements" />
        ) : published.isError ? (
          <LoadError error={published.error} title="Could not load the announcements" />
        ) : items.length === 0 ? (
          <Stack gap="xs" align="flex-start" py="xs">
            <Text fw={500}>No announcements yet.</Text>
            {author && (
              <Button variant="light" onClick={() => setCreating(true)}>
                Write the first one
              </Button>
            )}
          </Stack>
        ) : (
          <Stack gap="sm">
            {items.map((a) => (
              <AnnouncementCard key={a.id} announcement={a} names={names} onDelete={mayDelete(a) ? onDelete : null} />
            ))}
            {published.hasNextPage && (
              <Button
                variant="default"
                style={{ alignSelf: 'flex-start' }}
                loading={published.isFetchingNextPage}
                onClick={() => published.fetchNextPage()}
              >
                Load more
              </Button>
            )}
          </Stack>
        )}
      </Paper>
      {author && <AnnouncementFormModal institution={institution} opened={creating} onClose={() => setCreating(false)} />}
      <ConfirmDeleteModal
        opened={deleting.opened}
        what="announcement"
        name={deleting.subject?.title ?? ''}
        consequence="It disappears from this list; notifications already sent stay in inboxes."
        onDelete={async () => {
          if (!deleting.subject) return;
          await client.announcements.remove(institution.id, deleting.subject.id);
          notifySuccess('The announcement was deleted.');
          await queryClient.invalidateQueries({ queryKey: announcementKeys.all(institution.id) });
        }}
        onClose={() => setDeleting((before) => ({ ...before, opened: false }))}
      />
    </Stack>
  );
}

function AnnouncementCard({
  announcement: a,
  names,
  onDelete,
}: {
  announcement: Announcement;
  names: Namer;
  onDelete: ((a: Announcement) => void) | null;
}) {
  const author = names.author(a.createdBy);
  const when = a.publishedAt ?? a.publishAt;
  return (
    <Paper component="article" withBorder radius="md" p="sm" aria-labelledby={`announcement-${a.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={4} size="h5" id={`announcement-${a.id}`} style={{ overflowWrap: 'anywhere' }}>
            {a.title}
          </Title>
          <Badge
            variant="light"
            color={a.audience.kind === 'institution' ? 'indigo' : a.audience.kind === 'class' ? 'teal' : 'grape'}
            style={{ flexShrink: 0, maxWidth: '45%' }}
          >
            {names.audience(a.audience)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {author ? `${author} · ` : ''}
          {a.publishedAt ? (
            <time dateTime={when} title={formatDateTime(when)}>
              {formatRelative(when)}
            </time>
          ) : (
            <>Publishes {formatDateTime(a.publishAt)}</>
          )}
          {a.recipients !== null && ` · reached ${a.recipients} ${a.recipients === 1 ? 'person' : 'people'}`}
        </Text>
        {a.body && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {a.body}
          </Text>
        )}
        {onDelete && (
          <Group justify="flex-end">
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDelete(a)} aria-label={`Delete ${a.title}`}>
              Delete
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Keyed, so one institution's list does not flash in another's. */
export function AnnouncementsPage() {
  const institution = useInstitutionContext();
  return <Announcements key={institution.id} institution={institution} />;
}
