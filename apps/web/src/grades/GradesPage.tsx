import type { Institution } from '@edumatrix/contracts';
import { Anchor, SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { todayIn, useMyClasses } from '../attendance/queries.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { fullName } from '../people/labels.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { lookupQuery, yearsQuery } from '../structure/queries.ts';
import { myStudentsQuery, periodsQuery } from '../timetable/queries.ts';
import { PickOne } from '../ui/PickOne.tsx';
import { problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { MarksGrid } from './MarksGrid.tsx';
import { defaultTerm, entersMarks, gradebookQuery, termChoices } from './queries.ts';
import { StudentGradesView } from './StudentGradesView.tsx';

/** Changes some search params and keeps the rest: the pickers live in the address, so a view can be shared. */
function useParam() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) =>
    setParams((before) => {
      const next = new URLSearchParams(before);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  return [params, set] as const;
}

function Gradebooks({ institution }: { institution: Institution }) {
  const [params, set] = useParam();
  const mine = useMyClasses(institution);
  const subjects = useQuery(lookupQuery(institution.id, 'subjects'));
  const years = useQuery(yearsQuery(institution.id));
  const classId = mine.classes.some((c) => c.id === params.get('class')) ? params.get('class') : (mine.classes[0]?.id ?? null);
  const klass = mine.classes.find((c) => c.id === classId) ?? null;
  // Subjects on the class's timetable come first: those are the ones it is taught.
  const periods = useQuery({ ...periodsQuery(institution.id, { classId: classId ?? undefined }), enabled: !!classId });
  const taught = new Set((periods.data ?? []).map((p) => p.subjectId));
  const subjectChoices = (subjects.data?.items ?? [])
    .filter((s) => !s.archivedAt)
    .sort((a, b) => Number(taught.has(b.id)) - Number(taught.has(a.id)) || a.name.localeCompare(b.name, undefined, { numeric: true }))
    .map((s) => ({ value: s.id, label: s.name }));
  const subjectId = subjectChoices.some((s) => s.value === params.get('subject'))
    ? params.get('subject')
    : (subjectChoices[0]?.value ?? null);
  // A class of an academic year is graded in that year's terms (the server insists).
  const classYears = (years.data ?? []).filter((y) => !klass?.academicYearId || y.id === klass.academicYearId);
  const terms = termChoices(classYears);
  const termId = terms.some((t) => t.value === params.get('term'))
    ? params.get('term')
    : defaultTerm(classYears, todayIn(institution.timezone), klass);

  if (mine.isPending || subjects.isPending || years.isPending) return <Loading label="Loading the classes" />;
  const failed = mine.error ?? subjects.error ?? years.error;
  if (failed) return <LoadError error={failed} title="Could not load the classes" />;

  const manager = canManage(institution.myRole);
  const setUp = (what: string, path: string) =>
    manager ? (
      <>
        <Anchor component={Link} to={`/institutions/${institution.id}/structure/${path}`} inherit>
          Set up {what}
        </Anchor>{' '}
        first.
      </>
    ) : (
      `An admin sets up ${what} first.`
    );
  const missing =
    mine.classes.length === 0
      ? manager
        ? setUp('the classes', 'classes')
        : 'Teachers enter marks for the classes they are homeroom teacher of, or teach a period of. You teach none yet.'
      : subjectChoices.length === 0
        ? setUp('the subjects', 'subjects')
        : terms.length === 0
          ? setUp('an academic year with terms', 'academic-years')
          : null;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="sm">
        <PickOne
          label="Class"
          data={mine.classes.map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={(value) => set({ class: value })}
          disabled={mine.classes.length === 0}
        />
        <PickOne label="Subject" data={subjectChoices} value={subjectId} onChange={(value) => set({ subject: value })} />
        <PickOne label="Term" data={terms} value={termId} onChange={(value) => set({ term: value })} />
      </SimpleGrid>
      {missing ? (
        <Notice>{missing}</Notice>
      ) : classId && subjectId && termId ? (
        <Gradebook
          key={`${classId}/${subjectId}/${termId}`}
          institution={institution}
          classId={classId}
          subjectId={subjectId}
          termId={termId}
          title={[klass?.name, subjectChoices.find((s) => s.value === subjectId)?.label, terms.find((t) => t.value === termId)?.label]
            .filter(Boolean)
            .join(' · ')}
        />
      ) : (
        <Notice>Choose a class, a subject and a term.</Notice>
      )}
    </Stack>
  );
}

type GradebookProps = { institution: Institution; classId: string; subjectId: string; termId: string; title: string };

function Gradebook({ institution, classId, subjectId, termId, title }: GradebookProps) {
  const book = useQuery(gradebookQuery(institution.id, classId, subjectId, termId));
  if (book.isPending) return <Loading label="Loading the marks" />;
  if (book.isError) {
    if (problemOf(book.error)?.code === 'grades.not_your_class') {
      return <Notice>You do not teach this class, so you cannot see or enter its marks. Choose one of your classes.</Notice>;
    }
    return <LoadError error={book.error} title="Could not load the marks" />;
  }
  return (
    <MarksGrid
      institution={institution}
      book={book.data}
      target={{ institutionId: institution.id, classId, subjectId, termId }}
      title={title}
    />
  );
}

function LearnerGrades({ institution }: { institution: Institution }) {
  const [params, set] = useParam();
  const students = useQuery(myStudentsQuery(institution.id));
  const years = useQuery(yearsQuery(institution.id));
  const parent = institution.myRole === 'parent';
  if (students.isPending || years.isPending) return <Loading label="Loading your grades" />;
  if (students.isError) return <LoadError error={students.error} title="Could not load your records" />;
  if (years.isError) return <LoadError error={years.error} title="Could not load the terms" />;
  const children = [...students.data].sort((a, b) => fullName(a).localeCompare(fullName(b)));
  const studentId = children.some((s) => s.id === params.get('student')) ? params.get('student') : (children[0]?.id ?? null);
  const terms = termChoices(years.data);
  const termId = terms.some((t) => t.value === params.get('term'))
    ? params.get('term')
    : defaultTerm(years.data, todayIn(institution.timezone));

  if (children.length === 0) {
    return (
      <Notice>
        No student record is linked to your account yet. Ask the school office to link you, and {parent ? 'your children’s' : 'your'} grades
        appear here.
      </Notice>
    );
  }
  return (
    <Stack gap="md">
      <SimpleGrid
        cols={{ base: 1, xs: parent && children.length > 1 ? 2 : 1 }}
        spacing="sm"
        maw={parent && children.length > 1 ? 640 : 320}
      >
        {parent && children.length > 1 && (
          <PickOne
            label="Child"
            data={children.map((s) => ({ value: s.id, label: fullName(s) }))}
            value={studentId}
            onChange={(value) => set({ student: value })}
          />
        )}
        <PickOne label="Term" data={terms} value={termId} onChange={(value) => set({ term: value })} />
      </SimpleGrid>
      {studentId && termId ? (
        <StudentGradesView key={`${studentId}/${termId}`} institution={institution} studentId={studentId} termId={termId} />
      ) : (
        <Notice>No terms are set up yet.</Notice>
      )}
    </Stack>
  );
}

export function GradesPage() {
  const institution = useInstitutionContext();
  usePageTitle(`Grades · ${institution.name}`);
  const role = institution.myRole;
  const learner = role === 'student' || role === 'parent';
  return (
    <Stack gap="md">
      <PageHeader
        title={learner ? (role === 'parent' ? 'My children’s grades' : 'My grades') : 'Grades'}
        hint={
          learner
            ? 'Marks and term grades per subject, read off the institution’s grading scale.'
            : 'Assessments per class, subject and term; term grades are weighted and read off the grading scale.'
        }
      />
      {learner ? (
        <LearnerGrades key={institution.id} institution={institution} />
      ) : entersMarks(role) ? (
        <Gradebooks key={institution.id} institution={institution} />
      ) : (
        <Notice>Teachers and admins keep the marks; students and their parents read them here.</Notice>
      )}
    </Stack>
  );
}
