// One reported post or comment: why people reported it, what it says and who wrote it, and the
// decision (dismiss the reports, or remove it) that closes every open report on it.
import { Anchor, Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { REPORT_REASONS } from '../social/labels.ts';
import { PersonHeader } from '../social/PersonHeader.tsx';
import { PostBody } from '../social/PostBody.tsx';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { type ReportedTarget, useResolveReport } from './queries.ts';
import { RemoveModal } from './RemoveModal.tsx';

const reasonLabel = (reason: string) => REPORT_REASONS.find((r) => r.value === reason)?.label ?? reason;

export function ReportCard({ group }: { group: ReportedTarget }) {
  const { latest, reports } = group;
  const { target } = latest;
  const what = latest.targetType;
  const [removing, setRemoving] = useState(false);
  const resolve = useResolveReport();
  const count = target.openReports;
  const headingId = `report-${latest.id}`;

  async function decide(action: 'dismiss' | 'remove', note = '') {
    await resolve.mutateAsync({ reportId: latest.id, body: { action, note } });
    notifySuccess(action === 'remove' ? `The ${what} was removed and its author told.` : 'The reports were dismissed.', 'Resolved');
  }

  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <Text id={headingId} fw={600} size="sm">
              Reported {what}
            </Text>
            <Badge color="red" variant="light" tt="none">
              {count === 1 ? '1 report' : `${count} reports`}
            </Badge>
            {target.deleted && (
              <Badge color="gray" variant="light" tt="none">
                Already deleted
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            <time dateTime={latest.createdAt} title={formatDateTime(latest.createdAt)}>
              {formatRelative(latest.createdAt)}
            </time>
          </Text>
        </Group>

        <List size="sm" spacing={4} aria-label="Reasons given">
          {reports.map((r) => (
            <List.Item key={r.id}>
              <Text span fw={600} size="sm">
                {reasonLabel(r.reason)}
              </Text>
              {r.details && (
                <Text span size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {' '}
                  — {r.details}
                </Text>
              )}
            </List.Item>
          ))}
        </List>

        <Card withBorder radius="sm" padding="sm" bg="var(--mantine-color-gray-light)">
          <Stack gap="xs">
            <PersonHeader person={target.author} size="sm" detail={what === 'post' ? 'wrote this post' : 'wrote this comment'} />
            {target.text.trim() ? (
              <div style={{ overflowWrap: 'anywhere' }}>
                <PostBody text={target.text} />
              </div>
            ) : (
              <Text size="sm" c="dimmed" fs="italic">
                No text (pictures only)
              </Text>
            )}
          </Stack>
        </Card>

        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to={target.link} size="sm">
            {what === 'post' ? 'Open the post' : 'Open the post it is on'}
          </Anchor>
          <Group gap="xs">
            <Button
              variant="default"
              loading={resolve.isPending && resolve.variables?.body.action === 'dismiss'}
              disabled={resolve.isPending}
              onClick={() => decide('dismiss').catch((error: unknown) => notifyError(error, 'Could not dismiss'))}
            >
              Dismiss
            </Button>
            <Button color="red" disabled={resolve.isPending} onClick={() => setRemoving(true)}>
              Remove
            </Button>
          </Group>
        </Group>
      </Stack>
      <RemoveModal what={what} opened={removing} onClose={() => setRemoving(false)} onRemove={(note) => decide('remove', note)} />
    </Card>
  );
}
