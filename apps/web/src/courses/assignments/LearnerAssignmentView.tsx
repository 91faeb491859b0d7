// A learner's assignment page: the instructions, their work (current version, history, handing
// in again while allowed), the released grade, and their peer review tasks after the deadline.
import type { Assignment, Institution, Submission } from '@edumatrix/contracts';
import { Alert, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { client } from '../../api.ts';
import { formatDateTime } from '../../ui/format.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { Markdown } from '../Markdown.tsx';
import { AssignmentHeader } from './AssignmentHeader.tsx';
import { lateText, mySubmissionQuery } from './assignment-queries.ts';
import { FileDownload } from './FileDownload.tsx';
import { LearnerGrade } from './LearnerGrade.tsx';
import { PeerReviewTasks } from './PeerReviewTasks.tsx';
import { SubmitWork } from './SubmitWork.tsx';

type Props = { institution: Institution; assignment: Assignment };

/** Every version handed in, newest first (the latest is the submission itself; `history` holds the earlier ones). */
function versionsOf(s: Submission) {
  const latest = s.submittedAt ? [{ version: s.version, submittedAt: s.submittedAt, lateDays: s.lateDays }] : [];
  return [...latest, ...s.history.filter((h) => h.version !== s.version)].sort((a, b) => b.version - a.version);
}

function CurrentWork({ institution, assignment, submission, showText }: Props & { submission: Submission; showText: boolean }) {
  const versions = versionsOf(submission);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Your work">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Your work
        </Title>
        {submission.version === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing handed in yet.
          </Text>
        ) : (
          <>
            <Text size="sm" data-current-version>
              Version {submission.version}, handed in {submission.submittedAt ? formatDateTime(submission.submittedAt) : ''} ·{' '}
              {lateText(submission.lateDays)}
            </Text>
            {showText && submission.text && (
              <Paper withBorder radius="sm" p="sm">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-my-text>
                  {submission.text}
                </Text>
              </Paper>
            )}
            {submission.file && (
              <FileDownload
                file={submission.file}
                fetchFile={() => client.assignments.submissionFile(institution.id, assignment.courseId, assignment.id, submission.userId)}
              />
            )}
            {versions.length > 1 && (
              <Table.ScrollContainer minWidth={280}>
                <Table verticalSpacing={4} fz="sm" aria-label="Versions handed in">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Version</Table.Th>
                      <Table.Th>Handed in</Table.Th>
                      <Table.Th>Timing</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {versions.map((v) => (
                      <Table.Tr key={v.version} data-version={v.version}>
                        <Table.Td>
                          {v.version}
                          {v.version === submission.version ? ' (latest)' : ''}
                        </Table.Td>
                        <Table.Td>{formatDateTime(v.submittedAt)}</Table.Td>
                        <Table.Td c={v.lateDays > 0 ? 'orange.8' : undefined}>{lateText(v.lateDays)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function LearnerAssignmentView({ institution, assignment, enrolled }: Props & { enrolled: boolean }) {
  // Readers who are not enrolled see the assignment but have no work to show.
  const submission = useQuery({ ...mySubmissionQuery(institution.id, assignment.courseId, assignment.id), enabled: enrolled });
  return (
    <Stack gap="md">
      <AssignmentHeader assignment={assignment} forEditors={false} />
      {assignment.instructions.trim() && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Instructions">
          <Markdown text={assignment.instructions} />
        </Paper>
      )}
      {!enrolled ? (
        <Notice>Enrol in the course to hand in this assignment.</Notice>
      ) : submission.isPending ? (
        <Loading label="Loading your work" />
      ) : submission.isError ? (
        <LoadError error={submission.error} title="Could not load your work" />
      ) : (
        <>
          <CurrentWork
            institution={institution}
            assignment={assignment}
            submission={submission.data}
            showText={!submission.data.canSubmit && !submission.data.grade}
          />
          {submission.data.grade ? (
            <LearnerGrade assignment={assignment} submission={submission.data} grade={submission.data.grade} />
          ) : (
            submission.data.version > 0 && (
              <Notice>
                {assignment.releasedAt
                  ? 'Your work has not been graded.'
                  : 'Your grade and feedback will show here once your teacher releases them.'}
              </Notice>
            )
          )}
          {submission.data.canSubmit ? (
            <SubmitWork key={submission.data.version} institutionId={institution.id} assignment={assignment} submission={submission.data} />
          ) : (
            submission.data.closedReason && (
              <Alert color="gray" variant="light" title="Handing in is closed" data-closed>
                {submission.data.closedReason}
              </Alert>
            )
          )}
        </>
      )}
      {enrolled && assignment.peerReviews > 0 && <PeerReviewTasks institutionId={institution.id} assignment={assignment} />}
    </Stack>
  );
}
