import type { Period } from '@edumatrix/contracts';
import { Paper, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { Names } from './queries.ts';
import classes from './WeekGrid.module.css';
import { byTime, hoursOf, minutesOf, placeDay, span, type Weekday } from './week.ts';

/** Pixels per minute: a 45-minute lesson is tall enough for its five short lines. */
const SCALE = 1.8;

const COLORS = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'violet'];

/** A subject keeps its colour in every view, so Physics is the same block in a class's and a teacher's week. */
function colorOf(period: Period): string {
  const key = period.subjectId ?? period.classId;
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] as string;
}

const blockColors = (period: Period) =>
  ({
    '--block-fill': `var(--mantine-color-${colorOf(period)}-light)`,
    '--block-edge': `var(--mantine-color-${colorOf(period)}-filled)`,
  }) as CSSProperties;

export type PeriodText = { title: string; lines: string[]; label: string };

/** Subject first, then what else identifies the period; the teacher only for those who may see names. */
export function describe(period: Period, names: Names, day: string): PeriodText {
  const subject = names.subjectName(period.subjectId);
  const klass = names.className(period.classId);
  const teacher = names.teacherName(period.teacherId);
  const title = subject ?? klass;
  const lines = [span(period), subject ? klass : '', period.room ? `Room ${period.room}` : '', teacher ?? ''].filter(Boolean);
  return { title, lines, label: [title, ...lines.slice(1), `${day} ${span(period)}`].join(', ') };
}

type Props = {
  periods: Period[];
  days: Weekday[];
  names: Names;
  /** Set for managers: a click opens the period to change or delete it. */
  onOpen: ((period: Period) => void) | null;
};

export function WeekGrid({ periods, days, names, onOpen }: Props) {
  const { from, to } = hoursOf(periods);
  const height = (to - from) * SCALE;
  const hours: number[] = [];
  for (let m = from; m <= to; m += 60) hours.push(m);
  const style = { '--days': days.length, '--hour': `${60 * SCALE}px` } as CSSProperties;

  return (
    <div className={classes.grid} style={style}>
      <div aria-hidden="true" />
      {days.map((day) => (
        <div key={day.value} className={classes.dayHead} aria-hidden="true">
          {day.label}
        </div>
      ))}
      <div className={classes.axis} style={{ height }} aria-hidden="true">
        {hours.map((m) => (
          <span key={m} className={classes.hour} style={{ top: Math.max((m - from) * SCALE, 7) }}>
            {String(m / 60).padStart(2, '0')}:00
          </span>
        ))}
      </div>
      {days.map((day) => (
        <ul key={day.value} className={classes.day} style={{ height, margin: 0, padding: 0, listStyle: 'none' }} aria-label={day.label}>
          {placeDay(periods.filter((p) => p.weekday === day.value)).map(({ period, lane, lanes }) => {
            const text = describe(period, names, day.label);
            const top = (minutesOf(period.startsAt) - from) * SCALE;
            const blockStyle = {
              ...blockColors(period),
              top: top + 1,
              height: Math.max((minutesOf(period.endsAt) - minutesOf(period.startsAt)) * SCALE - 2, 18),
              left: `calc(${(lane / lanes) * 100}% + 2px)`,
              width: `calc(${100 / lanes}% - 4px)`,
            } as CSSProperties;
            const content = (
              <>
                <strong className={classes.line}>{text.title}</strong>
                {text.lines.map((line) => (
                  <span key={line} className={classes.line}>
                    {line}
                  </span>
                ))}
              </>
            );
            return (
              <li key={period.id}>
                {onOpen ? (
                  <UnstyledButton
                    className={classes.block}
                    style={blockStyle}
                    title={text.label}
                    aria-label={`Edit ${text.label}`}
                    onClick={() => onOpen(period)}
                  >
                    {content}
                  </UnstyledButton>
                ) : (
                  <div className={classes.block} style={blockStyle} title={text.label}>
                    {content}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      ))}
    </div>
  );
}

type DayProps = Props & { day: number; onDay: (day: number) => void };

/** Phones: one day at a time, its periods as cards in order. */
export function DayList({ periods, days, names, onOpen, day, onDay }: DayProps) {
  const shown = periods.filter((p) => p.weekday === day).sort(byTime);
  const label = days.find((d) => d.value === day)?.label ?? '';
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Day"
        fullWidth
        size="xs"
        data={days.map((d) => ({ value: String(d.value), label: d.short }))}
        value={String(day)}
        onChange={(value) => onDay(Number(value))}
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          Nothing on {label}.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
          {shown.map((period) => {
            const text = describe(period, names, label);
            const body = (
              <>
                <Text size="sm" fw={600} className={classes.cardTime}>
                  {period.startsAt.slice(0, 5)}
                </Text>
                <Stack gap={0} miw={0}>
                  <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {text.title}
                  </Text>
                  {text.lines.map((line) => (
                    <Text key={line} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {line}
                    </Text>
                  ))}
                </Stack>
              </>
            );
            return (
              <Paper key={period.id} component="li" withBorder radius="md" p="sm" className={classes.card} style={blockColors(period)}>
                {onOpen ? (
                  <UnstyledButton
                    className={classes.card}
                    style={{ borderLeft: 0 }}
                    aria-label={`Edit ${text.label}`}
                    onClick={() => onOpen(period)}
                  >
                    {body}
                  </UnstyledButton>
                ) : (
                  body
                )}
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
