import type { AcademicYear } from '@edumatrix/contracts';
import { Box, Group, Text, Tooltip } from '@mantine/core';
import { daysBetween, formatDay, formatShortSpan, today } from './dates.ts';

const COLORS = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'pink'];

export const termColor = (index: number) => COLORS[index % COLORS.length] as string;

/**
 * The year as a bar with a segment per term: the hatched stretches between segments are days no
 * term covers, which a list of dates hides. The terms are also listed in words next to it.
 */
export function YearTimeline({ year }: { year: AcademicYear }) {
  const total = Math.max(daysBetween(year.startsOn, year.endsOn) + 1, 1);
  const percent = (days: number) => `${Math.min(Math.max((days / total) * 100, 0), 100)}%`;
  const now = today();
  const showToday = year.startsOn <= now && now <= year.endsOn;

  return (
    <div>
      <Box
        aria-hidden="true"
        pos="relative"
        h={30}
        style={{
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          background: 'repeating-linear-gradient(135deg, var(--mantine-color-gray-1) 0 6px, var(--mantine-color-gray-2) 6px 12px)',
          border: '1px solid var(--mantine-color-default-border)',
        }}
      >
        {year.terms.map((term, index) => (
          <Tooltip key={term.id} label={`${term.name}: ${formatShortSpan(term.startsOn, term.endsOn)}`} withinPortal>
            <Box
              pos="absolute"
              top={0}
              bottom={0}
              left={percent(daysBetween(year.startsOn, term.startsOn))}
              w={percent(daysBetween(term.startsOn, term.endsOn) + 1)}
              bg={`${termColor(index)}.6`}
              px={6}
              style={{ display: 'flex', alignItems: 'center', borderLeft: '2px solid var(--mantine-color-body)', minWidth: 0 }}
            >
              <Text size="xs" c="white" fw={600} truncate>
                {term.name}
              </Text>
            </Box>
          </Tooltip>
        ))}
        {showToday && (
          <Tooltip label={`Today, ${formatDay(now)}`} withinPortal>
            <Box
              pos="absolute"
              top={0}
              bottom={0}
              left={percent(daysBetween(year.startsOn, now))}
              w={3}
              bg="red.6"
              style={{ transform: 'translateX(-1px)' }}
            />
          </Tooltip>
        )}
      </Box>
      <Group justify="space-between" mt={4} gap="xs">
        <Text size="xs" c="dimmed">
          {formatDay(year.startsOn)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDay(year.endsOn)}
        </Text>
      </Group>
    </div>
  );
}
