import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';

export type Column = { label: string; value: number; color?: string };

const PAD = { top: 18, right: 8, bottom: 26, left: 8 };

/**
 * Vertical bars drawn by hand, like the attendance chart: a few shapes do not warrant a chart
 * library. With many columns (a month of days) only the first and last are labelled.
 */
export function ColumnChart({
  columns,
  label,
  chart,
  height = 170,
  unit = '',
}: {
  columns: Column[];
  label: string;
  /** `data-chart`, for tests and styles. */
  chart: string;
  height?: number;
  unit?: string;
}) {
  const { ref, width } = useElementSize();
  const W = Math.max(240, Math.round(width) || 480);
  const H = height;
  const max = Math.max(1, ...columns.map((c) => c.value));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, columns.length);
  const barWidth = Math.min(56, slot * 0.7);
  const dense = columns.length > 12;
  const y = (value: number) => PAD.top + (1 - value / max) * (H - PAD.top - PAD.bottom);
  const summary = columns.map((c) => `${c.label}: ${c.value}${unit}`).join('; ');

  return (
    <Box ref={ref} w="100%">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
        role="img"
        aria-label={`${label}. ${summary}`}
        data-chart={chart}
        style={{ display: 'block', maxWidth: '100%' }}
      >
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-4)" />
        {dense && (
          // Too many columns to label each: one dashed line gives the scale.
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max)} y2={y(max)} stroke="var(--mantine-color-gray-3)" strokeDasharray="3 3" />
            <text x={PAD.left} y={y(max) - 4} fontSize="11" fill="var(--mantine-color-dimmed)">
              {max}
              {unit}
            </text>
          </g>
        )}
        {columns.map((c, i) => {
          const cx = PAD.left + slot * i + slot / 2;
          const color = c.color ?? 'blue';
          const labelled = !dense || i === 0 || i === columns.length - 1;
          return (
            <g key={c.label} data-label={c.label} data-value={c.value}>
              {c.value > 0 && (
                <rect
                  x={cx - barWidth / 2}
                  y={y(c.value)}
                  width={barWidth}
                  height={y(0) - y(c.value)}
                  rx={dense ? 1 : 3}
                  fill={`var(--mantine-color-${color}-6)`}
                >
                  <title>{`${c.label}: ${c.value}${unit}`}</title>
                </rect>
              )}
              {!dense && (
                <text x={cx} y={y(c.value) - 4} textAnchor="middle" fontSize="11" fill="var(--mantine-color-text)">
                  {c.value}
                </text>
              )}
              {labelled && (
                <text
                  x={dense ? (i === 0 ? PAD.left : W - PAD.right) : cx}
                  y={H - 8}
                  textAnchor={dense ? (i === 0 ? 'start' : 'end') : 'middle'}
                  fontSize="11"
                  fill="var(--mantine-color-dimmed)"
                >
                  {c.label.length > 10 ? `${c.label.slice(0, 9)}…` : c.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
