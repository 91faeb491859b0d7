import type { WebhookDelivery } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
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
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Status</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>HTTP</Table.Th>
            <Table.Th>When</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((delivery) => (
            <Table.Tr key={delivery.id} onClick={() => onOpen(delivery.id)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <StatusBadge delivery={delivery} />
              </Table.Td>
              <Table.Td>
                {/* The row is clickable for the mouse; this button is the way in for keyboards. */}
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpen(delivery.id)}>
                  {eventTypeLabel(delivery.eventType)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{delivery.attempts.length}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{lastStatus(delivery)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(delivery.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
