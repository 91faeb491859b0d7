import type { AuditEntry, Member } from '@edumatrix/contracts';
import { Alert, Button, Code, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Dash, DataTable, NoWrapText } from '../ui/DataTable.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PickOne } from '../ui/PickOne.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { canManage } from './options.ts';
import { auditQuery, membersQuery } from './queries.ts';
import { useInstitutionContext } from './useInstitutionContext.ts';

// Ids are UUIDv7: the leading characters are a timestamp, the trailing ones tell entries apart.
// The server filters on the exact action name, so we offer the names rather than a free-text box.
const KNOWN_ACTIONS = [
  'institution.created',
  'institution.updated',
  'institution.logo_updated',
  'institution.logo_removed',
  'grading_scale.updated',
  'course.created',
  'course.updated',
  'course.published',
  'course.archived',
  'course.deleted',
  'course.enrolled',
  'course.unenrolled',
  'grades.assessment_created',
  'grades.assessment_updated',
  'grades.assessment_deleted',
  'grades.marks_entered',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'member.role_changed',
  'member.removed',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'webhook.disabled',
  'webhook.redelivered',
  'academic_year.created',
  'academic_year.updated',
  'academic_year.archived',
  'academic_year.restored',
  'academic_year.deleted',
  'department.created',
  'department.updated',
  'department.archived',
  'department.restored',
  'department.deleted',
  'program.created',
  'program.updated',
  'program.archived',
  'program.restored',
  'program.deleted',
  'subject.created',
  'subject.updated',
  'subject.archived',
  'subject.restored',
  'subject.deleted',
  'class.created',
  'class.updated',
  'class.archived',
  'class.restored',
  'class.deleted',
  'student.created',
  'student.updated',
  'student.deleted',
  'student.guardian_linked',
  'student.guardian_unlinked',
  'staff.created',
  'staff.updated',
  'staff.archived',
  'staff.restored',
  'staff.deleted',
  'class.students_enrolled',
  'class.student_unenrolled',
  'roster.imported',
  'timetable.period_created',
  'timetable.period_updated',
  'timetable.period_deleted',
  'attendance.taken',
  'attendance.edited',
  'attendance.settings_updated',
  'announcement.created',
  'announcement.deleted',
];

const actionLabel = (action: string) => {
  const [subject = action, verb = ''] = action.split('.');
  const text = `${subject} ${verb.replaceAll('_', ' ')}`.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const shortId = (id: string) => `…${id.slice(-8)}`;

function Actor({ actorId, members }: { actorId: string | null; members: Map<string, Member> }) {
  if (!actorId)
    return (
      <Text size="sm" c="dimmed">
        System
      </Text>
    );
  const member = members.get(actorId);
  return (
    <Tooltip label={actorId}>
      <Text size="sm" tabIndex={0}>
        {member ? member.displayName : <Code>{shortId(actorId)}</Code>}
      </Text>
    </Tooltip>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  return (
    <Text size="sm">
      {entry.targetType}
      {entry.targetId && (
        <>
          {' '}
          <Code title={entry.targetId}>{shortId(entry.targetId)}</Code>
        </>
      )}
    </Text>
  );
}

export function AuditPage() {
  const institution = useInstitutionContext();
  const [action, setAction] = useState<string | null>(null);
  const allowed = canManage(institution.myRole);
  const audit = useInfiniteQuery({
    ...auditQuery(institution.id, action ?? ''),
    enabled: allowed,
    // Keeps the table on screen while a new filter loads.
    placeholderData: (previous) => previous,
  });
  const members = useQuery({ ...membersQuery(institution.id), enabled: allowed });

  const membersById = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])), [members.data]);
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);
  const actionOptions = useMemo(
    () => [...new Set([...KNOWN_ACTIONS, ...entries.map((e) => e.action)])].map((a) => ({ value: a, label: actionLabel(a) })),
    [entries],
  );

  if (!allowed) {
    return (
      <Alert color="gray" variant="light">
        Only owners and admins can see the audit log.
      </Alert>
    );
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Audit log">
      <Stack>
        <Group justify="space-between" align="flex-end" gap="sm">
          <Text size="sm" c="dimmed" maw={460}>
            Every change made in this institution, newest first.
          </Text>
          <PickOne
            label="Filter by action"
            placeholder="All actions"
            data={actionOptions}
            value={action}
            onChange={setAction}
            w={{ base: '100%', xs: 280 }}
            clearable
          />
        </Group>
        {audit.isPending ? (
          <Loading label="Loading the audit log" />
        ) : audit.isError ? (
          <LoadError error={audit.error} title="Could not load the audit log" />
        ) : entries.length === 0 ? (
          <Text c="dimmed" size="sm" py="md">
            {action ? `No “${actionLabel(action)}” entries yet.` : 'Nothing has been recorded yet.'}
          </Text>
        ) : (
          <DataTable
            rows={entries}
            rowKey={(e) => e.id}
            minWidth={720}
            striped
            columns={[
              { label: 'When', render: (e) => <NoWrapText>{formatDateTime(e.at)}</NoWrapText> },
              { label: 'Action', render: (e) => <Code>{e.action}</Code> },
              { label: 'Actor', render: (e) => <Actor actorId={e.actorId} members={membersById} /> },
              { label: 'Target', render: (e) => <Target entry={e} /> },
              { label: 'IP', render: (e) => (e.ip ? <Text size="sm">{e.ip}</Text> : <Dash />) },
            ]}
          />
        )}
        {audit.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
              Load more
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
