import type { WebhookDelivery, WebhookDeliveryStatus } from '@edumatrix/contracts';
import { Box, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { DELIVERY_STATUS } from './labels.ts';

const ORDER: WebhookDeliveryStatus[] = ['succeeded', 'failed', 'pending'];

/** A glance at how the receiver is doing: shares of the deliveries loaded on the page. */
export function DeliverySummary({ deliveries }: { deliveries: WebhookDelivery[] }) {
  const total = deliveries.length;
  if (total === 0) return null;
  const counts = ORDER.map((status) => ({ status, count: deliveries.filter((d) => d.status === status).length }));
  const shown = counts.filter((c) => c.count > 0);
  const lower = (status: WebhookDeliveryStatus) => DELIVERY_STATUS[status].label.toLowerCase();

  return (
    <Stack gap={6}>
      {/* The legend below says the same in words, so the bar is hidden from screen readers. */}
      <Progress.Root size="lg" aria-hidden="true">
        {shown.map(({ status, count }) => (
          <Tooltip key={status} label={`${count} ${lower(status)}`}>
            <Progress.Section value={(count / total) * 100} color={DELIVERY_STATUS[status].color} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="md" wrap="wrap" justify="space-between">
        <Text size="xs" c="dimmed">
          {total === 1 ? 'The latest delivery' : `The latest ${total} deliveries`}
        </Text>
        <Group gap="md" wrap="wrap">
          {shown.map(({ status, count }) => (
            <Group key={status} gap={6} wrap="nowrap">
              <Box w={10} h={10} bg={`${DELIVERY_STATUS[status].color}.6`} style={{ borderRadius: '50%' }} />
              <Text size="xs">
                {count} {lower(status)}
              </Text>
            </Group>
          ))}
        </Group>
      </Group>
    </Stack>
  );
}
