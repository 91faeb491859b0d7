import type { AdminDashboard } from '@edumatrix/contracts';
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { formatShortDay, percent } from '../attendance/queries.ts';
import { RateChart } from '../attendance/RateChart.tsx';
import { ColumnChart } from '../ui/ColumnChart.tsx';
import { StatCard } from '../ui/StatCard.tsx';
import { Section } from '../webhooks/Section.tsx';
import { BarList } from './BarList.tsx';

// Highest band first: from green down to red, however many bands the scale has.
const BAND_COLORS = ['teal', 'green', 'lime', 'yellow', 'orange', 'red'];
const bandColor = (i: number, n: number) => BAND_COLORS[n <= 1 ? 0 : Math.round((i / (n - 1)) * (BAND_COLORS.length - 1))] ?? 'gray';

/** Institution-wide figures for those who run it. */
export function AdminDashboardView({ dashboard }: { dashboard: AdminDashboard }) {
  const { enrolment, attendance, grades, activeUsers } = dashboard;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
        <StatCard
          label="Enrolments"
          value={String(enrolment.total)}
          hint={`in ${enrolment.departments.reduce((n, d) => n + d.classes, 0)} classes`}
        />
        <StatCard label="Attendance" value={percent(attendance.overall.rate)} hint="last 30 days" />
        <StatCard label="Term grades" value={String(grades.graded)} hint={grades.term?.name ?? 'no term yet'} />
        <StatCard label="Active this week" value={String(activeUsers.last7Days)} hint={`of ${activeUsers.members} members`} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        <Section id="dashboard-enrolment" title="Enrolment by department" hint="Active students in each department's classes.">
          {enrolment.departments.length === 0 ? (
            <Text size="sm" c="dimmed">
              No classes yet.
            </Text>
          ) : (
            <BarList
              label="Enrolment by department"
              chart="enrolment-by-department"
              bars={enrolment.departments.map((d) => ({
                label: d.name,
                value: d.students,
                hint: `${d.classes} ${d.classes === 1 ? 'class' : 'classes'}`,
              }))}
            />
          )}
        </Section>
        <Section
          id="dashboard-attendance"
          title="Attendance trend"
          hint={`Daily rate, ${formatShortDay(attendance.from)} – ${formatShortDay(attendance.to)}: present and late over everyone marked.`}
        >
          <RateChart days={attendance.days} threshold={null} label="Attendance rate per day, last 30 days" />
        </Section>
        <Section
          id="dashboard-grades"
          title="Grade distribution"
          hint={
            grades.term ? `Term grades in ${grades.term.name}, one per student and subject.` : 'Term grades appear once marks are entered.'
          }
        >
          {grades.graded === 0 ? (
            <Text size="sm" c="dimmed">
              No term grades yet.
            </Text>
          ) : (
            <ColumnChart
              label="Term grades per band"
              chart="grade-distribution"
              columns={grades.bands.map((b, i) => ({ label: b.label, value: b.count, color: bandColor(i, grades.bands.length) }))}
            />
          )}
        </Section>
        <Section
          id="dashboard-active"
          title="Active users"
          hint={`${activeUsers.last7Days} in the last 7 days, ${activeUsers.last30Days} in the last 30, of ${activeUsers.members} members.`}
        >
          <ColumnChart
            label="Members active per day, last 30 days"
            chart="active-users"
            height={140}
            columns={activeUsers.days.map((d) => ({ label: formatShortDay(d.date), value: d.users, color: 'indigo' }))}
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
