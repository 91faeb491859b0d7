import { Box, Group, Stack, Text } from '@mantine/core';

export type Bar = { label: string; value: number; hint?: string };

/**
 * Horizontal bars as plain HTML: long names (departments) wrap instead of being cut, and the
 * figures stay readable on a phone.
 */
export function BarList({ bars, label, chart, color = 'teal' }: { bars: Bar[]; label: string; chart: string; color?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <Stack gap="sm" component="figure" m={0} aria-label={label} data-chart={chart}>
      {bars.map((b) => (
        <Box key={b.label} data-label={b.label} data-value={b.value}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {b.label}
              {b.hint && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {b.hint}
                </Text>
              )}
            </Text>
            <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
              {b.value}
            </Text>
          </Group>
          <Box h={8} mt={4} bg="var(--mantine-color-gray-1)" style={{ borderRadius: 4 }} aria-hidden>
            <Box
              h={8}
              w={`${(b.value / max) * 100}%`}
              bg={`var(--mantine-color-${color}-6)`}
              style={{ borderRadius: 4, minWidth: b.value > 0 ? 4 : 0 }}
            />
          </Box>
        </Box>
      ))}
    </Stack>
  );
}
