// The route for one assignment: editors get the submissions and grading, learners their own work.
// The course is loaded first because whether the reader may edit it decides which page this is.
import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useInstitutionContext } from '../../institutions/useInstitutionContext.ts';
import { problemOf } from '../../ui/problem.ts';
import { LoadError, Loading, Notice } from '../../ui/states.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { BackLink } from '../CoursePage.tsx';
import { courseQuery } from '../queries.ts';
import { assignmentQuery } from './assignment-queries.ts';
import { EditorAssignmentView } from './EditorAssignmentView.tsx';
import { LearnerAssignmentView } from './LearnerAssignmentView.tsx';

export function AssignmentPage() {
  const institution = useInstitutionContext();
  const { courseId = '', assignmentId = '' } = useParams();
  const outline = useQuery(courseQuery(institution.id, courseId));
  const assignment = useQuery(assignmentQuery(institution.id, courseId, assignmentId));
  usePageTitle(assignment.data ? `${assignment.data.title} · ${institution.name}` : `Assignment · ${institution.name}`);
  const canEdit = !!outline.data?.course.canEdit;
  const coursePath = `/institutions/${institution.id}/courses/${courseId}`;
  const back = (
    <BackLink to={canEdit ? `${coursePath}?tab=assignments` : coursePath}>{outline.data ? outline.data.course.title : 'Course'}</BackLink>
  );

  if (outline.isPending || assignment.isPending) return <Loading label="Loading the assignment" />;
  const error = outline.error ?? assignment.error;
  const data = assignment.data;
  if (error || !data)
    return (
      <Stack gap="sm">
        {back}
        {problemOf(error)?.status === 404 ? (
          <Notice>This assignment does not exist, or it is not open to you.</Notice>
        ) : (
          <LoadError error={error} title="Could not load the assignment" />
        )}
      </Stack>
    );
  return (
    <Stack gap="sm">
      {back}
      {canEdit ? (
        <EditorAssignmentView institution={institution} assignment={data} />
      ) : (
        <LearnerAssignmentView institution={institution} assignment={data} enrolled={!!outline.data?.course.isEnrolled} />
      )}
    </Stack>
  );
}
