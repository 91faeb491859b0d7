import { Box, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { formatDay, formatShortDay, percent } from './queries.ts';

type Day = { date: string; rate: number | null };

const H = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 40 };

/**
 * The daily rate as an area under a line, drawn by hand: one small chart does not warrant a
 * library. It is drawn at its container's width, so its labels keep their size on a phone.
 */
export function RateChart({ days, threshold, label }: { days: Day[]; threshold: number | null; label: string }) {
  const { ref, width } = useElementSize();
  const W = Math.max(240, Math.round(width) || 640);
  const marked = days.filter((d) => d.rate !== null);
  if (marked.length === 0) {
    return (
      <Text size="sm" c="dimmed" ref={ref}>
        No attendance was taken in this period.
      </Text>
    );
  }
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const first = sorted[0]?.date ?? '';
  const last = sorted[sorted.length - 1]?.date ?? first;
  const span = Math.max(1, (Date.parse(last) - Date.parse(first)) / 86_400_000);
  const x = (date: string) => PAD.left + ((Date.parse(date) - Date.parse(first)) / 86_400_000 / span) * (W - PAD.left - PAD.right);
  const y = (rate: number) => PAD.top + (1 - rate) * (H - PAD.top - PAD.bottom);
  const points = sorted.filter((d): d is { date: string; rate: number } => d.rate !== null);
  const line = points.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(d.date).toFixed(1)},${y(d.rate).toFixed(1)}`).join(' ');
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  const area =
    firstPoint && lastPoint ? `${line} L${x(lastPoint.date).toFixed(1)},${y(0)} L${x(firstPoint.date).toFixed(1)},${y(0)} Z` : '';
  const summary = points.map((d) => `${formatDay(d.date)}: ${percent(d.rate)}`).join('; ');

  return (
    <Box ref={ref} w="100%">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`${label}. ${summary}`}
        data-chart="attendance-rate"
        height={H}
        style={{ display: 'block', maxWidth: '100%' }}
      >
        {[0, 0.5, 1].map((r) => (
          <g key={r}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(r)} y2={y(r)} stroke="var(--mantine-color-gray-3)" strokeDasharray="3 3" />
            <text x={PAD.left - 6} y={y(r) + 4} textAnchor="end" fontSize="11" fill="var(--mantine-color-dimmed)">
              {Math.round(r * 100)}%
            </text>
          </g>
        ))}
        {threshold !== null && threshold > 0 && (
          <line x1={PAD.left} x2={W - PAD.right} y1={y(threshold)} y2={y(threshold)} stroke="var(--mantine-color-red-5)" strokeWidth="1" />
        )}
        <path d={area} fill="var(--mantine-color-teal-1)" />
        <path d={line} fill="none" stroke="var(--mantine-color-teal-6)" strokeWidth="2" strokeLinejoin="round" />
        {points.map((d) => (
          <circle key={d.date} cx={x(d.date)} cy={y(d.rate)} r="3" fill="var(--mantine-color-teal-7)">
            <title>{`${formatDay(d.date)}: ${percent(d.rate)}`}</title>
          </circle>
        ))}
        <text x={PAD.left} y={H - 8} fontSize="11" fill="var(--mantine-color-dimmed)">
          {formatShortDay(first)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="11" fill="var(--mantine-color-dimmed)">
          {formatShortDay(last)}
        </text>
      </svg>
    </Box>
  );
}
