import { Text } from '@mantine/core';
import { ColumnChart } from '../ui/ColumnChart.tsx';
import { bandColor } from './queries.ts';

type Bar = { label: string; count: number };

/** How many students earn each band; students without a grade yet get a grey bar of their own. */
export function BandChart({ bands, ungraded, label }: { bands: Bar[]; ungraded: number; label: string }) {
  const graded = bands.reduce((sum, b) => sum + b.count, 0);
  if (graded === 0) {
    return (
      <Text size="sm" c="dimmed">
        No term grades yet: enter marks to see how the class is doing.
      </Text>
    );
  }
  const labels = bands.map((b) => b.label);
  const columns = [
    ...bands.map((b) => ({ label: b.label, value: b.count, color: bandColor(labels, b.label) })),
    ...(ungraded > 0 ? [{ label: 'No grade', value: ungraded, color: 'gray' }] : []),
  ];
  return <ColumnChart columns={columns} label={label} chart="band-distribution" />;
}
