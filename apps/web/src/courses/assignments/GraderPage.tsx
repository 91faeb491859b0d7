// An editor grades one learner's work: the text (select a span to comment on it), the file, then
// the grade form. Inline comments live in this page's state until the grade is saved with them.
import type { Annotation, Assignment, Institution, Submission } from '@edumatrix/contracts';
import { Button, Grid, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import { client } from '../../api.ts';
import { useInstitutionContext } from '../../institutions/useInstitutionContext.ts';
import { formatDateTime } from '../../ui/format.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { BackLink } from '../CoursePage.tsx';
import { AnnotatedText, excerpt } from './AnnotatedText.tsx';
import { assignmentPath, assignmentQuery, lateText, submissionQuery } from './assignment-queries.ts';
import { FileDownload } from './FileDownload.tsx';
import { GradeForm } from './GradeForm.tsx';

type Span = { start: number; end: number };

function CommentOnSelection({
  text,
  span,
  onAdd,
  onCancel,
}: {
  text: string;
  span: Span;
  onAdd: (c: string) => void;
  onCancel: () => void;
}) {
  const [comment, setComment] = useState('');
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label="New comment" data-new-comment>
      <Stack gap="xs">
        <Text size="sm">
          On <em>“{excerpt(text, span, 120)}”</em>
        </Text>
        <Textarea
          label="Comment on the selection"
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="compact-sm" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="compact-sm" disabled={!comment.trim()} onClick={() => onAdd(comment.trim())}>
            Add comment
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Without a mouse (or with a fiddly touch screen) the span can be found by typing its words. */
function FindWords({ text, onFound }: { text: string; onFound: (span: Span) => void }) {
  const [words, setWords] = useState('');
  const [error, setError] = useState<string | null>(null);
  const find = () => {
    const wanted = words.trim();
    const at = wanted ? text.indexOf(wanted) : -1;
    if (at < 0) return setError('These words are not in the text');
    setError(null);
    setWords('');
    onFound({ start: at, end: at + wanted.length });
  };
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        aria-label="Find words to comment on"
        placeholder="…or type words from the text to comment on"
        value={words}
        onChange={(e) => setWords(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find();
          }
        }}
        error={error}
        size="xs"
        style={{ flex: 1 }}
      />
      <Button size="xs" variant="default" onClick={find} disabled={!words.trim()}>
        Find
      </Button>
    </Group>
  );
}

function Grader({ institution, assignment, submission }: { institution: Institution; assignment: Assignment; submission: Submission }) {
  const [annotations, setAnnotations] = useState<Annotation[]>(submission.grade?.annotations ?? []);
  const [span, setSpan] = useState<Span | null>(null);
  const [saved, setSaved] = useState<Submission>(submission);
  const onSelect = useCallback((s: Span | null) => setSpan(s), []);
  const add = (comment: string) => {
    if (!span) return;
    setAnnotations((list) => [...list, { ...span, comment }].sort((a, b) => a.start - b.start || a.end - b.end));
    setSpan(null);
    document.getSelection()?.removeAllRanges();
  };
  const versions = submission.history.length + (submission.version > 0 ? 1 : 0);

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }} data-grader-title>
          {submission.displayName} · {assignment.title}
        </Title>
        <Text size="sm" c="dimmed">
          {submission.submittedAt
            ? `Version ${submission.version}${versions > 1 ? ` of ${versions}` : ''}, handed in ${formatDateTime(submission.submittedAt)} · ${lateText(submission.lateDays)}`
            : 'Nothing handed in yet.'}
        </Text>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="sm">
            {assignment.allowText && (
              <Stack gap={6}>
                <Text size="sm" fw={600}>
                  Text
                </Text>
                {submission.text && (
                  <Text size="xs" c="dimmed">
                    Select words in the text to comment on them.
                  </Text>
                )}
                <AnnotatedText
                  text={submission.text}
                  annotations={annotations}
                  pending={span}
                  onSelect={submission.text ? onSelect : undefined}
                  onRemove={(n) => setAnnotations((list) => list.filter((_, i) => i !== n))}
                />
                {submission.text && !span && <FindWords text={submission.text} onFound={setSpan} />}
                {span && (
                  <CommentOnSelection
                    key={`${span.start}-${span.end}`}
                    text={submission.text}
                    span={span}
                    onAdd={add}
                    onCancel={() => {
                      setSpan(null);
                      document.getSelection()?.removeAllRanges();
                    }}
                  />
                )}
              </Stack>
            )}
            {submission.file && (
              <FileDownload
                file={submission.file}
                fetchFile={() => client.assignments.submissionFile(institution.id, assignment.courseId, assignment.id, submission.userId)}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <GradeForm
            institutionId={institution.id}
            assignment={assignment}
            submission={saved}
            annotations={annotations}
            onSaved={(next) => {
              setSaved(next);
              if (next.grade) setAnnotations(next.grade.annotations);
            }}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function GraderPage() {
  const institution = useInstitutionContext();
  const { courseId = '', assignmentId = '', userId = '' } = useParams();
  const assignment = useQuery(assignmentQuery(institution.id, courseId, assignmentId));
  const submission = useQuery(submissionQuery(institution.id, courseId, assignmentId, userId));
  usePageTitle(submission.data ? `Grading ${submission.data.displayName}` : 'Grading');
  const back = <BackLink to={assignmentPath(institution.id, courseId, assignmentId)}>{assignment.data?.title ?? 'Assignment'}</BackLink>;

  if (assignment.isPending || submission.isPending) return <Loading label="Loading the submission" />;
  const error = assignment.error ?? submission.error;
  if (error || !assignment.data || !submission.data)
    return (
      <Stack gap="sm">
        {back}
        <LoadError error={error} title="Could not load the submission" />
      </Stack>
    );
  return (
    <Stack gap="sm">
      {back}
      {submission.data.version === 0 ? (
        <Notice>{submission.data.displayName} has not handed anything in yet.</Notice>
      ) : (
        <Grader key={submission.data.userId} institution={institution} assignment={assignment.data} submission={submission.data} />
      )}
    </Stack>
  );
}
