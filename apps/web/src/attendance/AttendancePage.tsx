import type { Institution } from '@edumatrix/contracts';
import { SegmentedControl, Stack } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { fullName, sortName } from '../people/labels.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { myStudentsQuery } from '../timetable/queries.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AttendanceReportView } from './AttendanceReportView.tsx';
import { rosterQuery, takesAttendance, useMyClasses } from './queries.ts';
import { TakeAttendance } from './TakeAttendance.tsx';

function StaffAttendance({ institution }: { institution: Institution }) {
  const [params, setParams] = useSearchParams();
  const taker = takesAttendance(institution.myRole);
  const view = taker && params.get('view') !== 'report' ? 'take' : 'report';
  const mine = useMyClasses(institution);
  // Staff who do not teach read every class's report.
  const reportClasses = (taker ? mine.classes : mine.all.filter((c) => !c.archivedAt)).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Stack gap="md">
      <PageHeader title="Attendance" hint={`Registers per class and day, in the institution’s time zone (${institution.timezone}).`} />
      {taker && (
        <SegmentedControl
          aria-label="Attendance view"
          data={[
            { value: 'take', label: 'Take attendance' },
            { value: 'report', label: 'Report' },
          ]}
          value={view}
          onChange={(value) => setParams(value === 'report' ? { view: 'report' } : {})}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      {view === 'take' ? (
        <TakeAttendance institution={institution} />
      ) : mine.isPending ? (
        <Loading label="Loading the classes" />
      ) : (
        <ClassReport institution={institution} classes={reportClasses} />
      )}
    </Stack>
  );
}

/** Names the report's rows from the chosen class's roster. */
function ClassReport({ institution, classes }: { institution: Institution; classes: { value: string; label: string }[] }) {
  // Every class's roster would be many requests; the report names students of any class it shows.
  const rosters = useQueries({ queries: classes.map((c) => rosterQuery(institution.id, c.value)) });
  const names = new Map(rosters.flatMap((r) => r.data ?? []).map((s) => [s.id, sortName(s)]));
  if (classes.length === 0) return <Notice>No classes to report on yet.</Notice>;
  return (
    <AttendanceReportView
      institution={institution}
      classes={classes}
      studentName={(id) => names.get(id) ?? 'A student'}
      title="Attendance report"
      hint="The daily rate of the class, and each student’s days."
    />
  );
}

function LearnerAttendance({ institution }: { institution: Institution }) {
  const students = useQuery(myStudentsQuery(institution.id));
  const parent = institution.myRole === 'parent';
  const title = parent ? 'My children' : 'My attendance';
  if (students.isPending) return <Loading label="Loading your records" />;
  if (students.isError) return <LoadError error={students.error} title="Could not load your records" />;
  const names = new Map(students.data.map((s) => [s.id, fullName(s)]));
  return (
    <Stack gap="md">
      <PageHeader title={title} hint={parent ? 'The attendance of the children linked to your account.' : 'Your own attendance.'} />
      {students.data.length === 0 ? (
        <Notice>
          No student record is linked to your account yet. Ask the school office to link you, and your attendance appears here.
        </Notice>
      ) : (
        <AttendanceReportView
          institution={institution}
          classes={[]}
          studentName={(id) => names.get(id) ?? 'A student'}
          title={parent ? 'Attendance of your children' : 'Your attendance'}
        />
      )}
    </Stack>
  );
}

export function AttendancePage() {
  const institution = useInstitutionContext();
  usePageTitle(`Attendance · ${institution.name}`);
  const learner = institution.myRole === 'student' || institution.myRole === 'parent';
  return learner ? (
    <LearnerAttendance key={institution.id} institution={institution} />
  ) : (
    <StaffAttendance key={institution.id} institution={institution} />
  );
}
