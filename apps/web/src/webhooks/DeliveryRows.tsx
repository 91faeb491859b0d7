import type { WebhookDelivery } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { DataTable, NoWrapText } from '../ui/DataTable.tsx';
import { formatDateTime } from '../ui/format.ts';
import { DELIVERY_STATUS, eventTypeLabel } from './labels.ts';

type Props = { deliveries: WebhookDelivery[]; onOpen: (id: string) => void };

function lastStatus(delivery: WebhookDelivery): string {
  const last = delivery.attempts.at(-1);
  if (!last) return '—';
  return last.statusCode === null ? 'No answer' : String(last.statusCode);
}

function StatusBadge({ delivery }: { delivery: WebhookDelivery }) {
  const look = DELIVERY_STATUS[delivery.status];
  return (
    <Badge color={look.color} variant="light" style={{ flexShrink: 0 }}>
      {look.label}
    </Badge>
  );
}

export function DeliveryTable({ deliveries, onOpen }: Props) {
  return (
    <DataTable
      rows={deliveries}
      rowKey={(d) => d.id}
      minWidth={560}
      onRowClick={(d) => onOpen(d.id)}
      columns={[
        { label: 'Status', render: (d) => <StatusBadge delivery={d} /> },
        {
          label: 'Event',
          render: (d) => (
            <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpen(d.id)}>
              {eventTypeLabel(d.eventType)}
            </Anchor>
          ),
        },
        { label: 'Attempts', render: (d) => <Text size="sm">{d.attempts.length}</Text> },
        { label: 'HTTP', render: (d) => <Text size="sm">{lastStatus(d)}</Text> },
        { label: 'When', render: (d) => <NoWrapText>{formatDateTime(d.createdAt)}</NoWrapText> },
      ]}
    />
  );
}

/** Phones get one tappable line per delivery; five columns do not fit 390 pixels. */
export function DeliveryCards({ deliveries, onOpen }: Props) {
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {deliveries.map((delivery) => {
        const attempts = delivery.attempts.length;
        return (
          <li key={delivery.id}>
            <UnstyledButton
              onClick={() => onOpen(delivery.id)}
              w="100%"
              px="sm"
              py={8}
              style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={500}>
                  {eventTypeLabel(delivery.eventType)}
                </Text>
                <StatusBadge delivery={delivery} />
              </Group>
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(delivery.createdAt)} · {attempts} {attempts === 1 ? 'attempt' : 'attempts'} · HTTP {lastStatus(delivery)}
              </Text>
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
