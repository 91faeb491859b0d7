import type { Webhook, WebhookAttempt, WebhookDeliveryDetail } from '@edumatrix/contracts';
import { Badge, Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { formatRelative } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { DELIVERY_STATUS, eventTypeLabel, formatPreciseTime } from './labels.ts';
import { deliveryQuery, webhookKeys } from './queries.ts';

/** Sent compact, read indented. Copying keeps the exact bytes, which the signature covers. */
function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Attempt({ attempt, number }: { attempt: WebhookAttempt; number: number }) {
  const ok = attempt.error === null;
  return (
    <Paper component="li" withBorder radius="sm" px="sm" py={6} shadow="none">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          Attempt {number}
        </Text>
        <Text size="xs" c="dimmed">
          {formatPreciseTime(attempt.at)} · {attempt.durationMs} ms
        </Text>
      </Group>
      <Group gap="xs" mt={4} wrap="nowrap" align="flex-start">
        <Badge size="sm" variant="light" color={ok ? 'green' : 'red'} style={{ flexShrink: 0 }}>
          {attempt.statusCode === null ? 'No answer' : `HTTP ${attempt.statusCode}`}
        </Badge>
        {attempt.error && (
          <Text size="sm" c="red.8" style={{ overflowWrap: 'anywhere' }}>
            {attempt.error}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

type Props = { institutionId: string; webhook: Webhook; deliveryId: string };

export function DeliveryDetail({ institutionId, webhook, deliveryId }: Props) {
  const queryClient = useQueryClient();
  const delivery = useQuery(deliveryQuery(institutionId, webhook.id, deliveryId));
  const redeliver = useMutation({
    mutationFn: () => client.webhooks.redeliver(institutionId, webhook.id, deliveryId),
    onSuccess: () => notifySuccess('The delivery is sent again with a fresh signature.', 'Redelivering'),
    onError: (error) => notifyError(error, 'Could not redeliver'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.one(institutionId, webhook.id) }),
  });

  if (delivery.isPending) return <Loading label="Loading the delivery" />;
  if (delivery.isError) return <LoadError error={delivery.error} title="Could not load the delivery" />;
  const d: WebhookDeliveryDetail = delivery.data;
  const status = DELIVERY_STATUS[d.status];
  const body = prettyJson(d.body);

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
          <Text fw={600}>{eventTypeLabel(d.eventType)}</Text>
        </Group>
        {d.status !== 'pending' && (
          <Button size="xs" variant="light" loading={redeliver.isPending} disabled={!webhook.enabled} onClick={() => redeliver.mutate()}>
            Redeliver
          </Button>
        )}
      </Group>
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          Created {formatPreciseTime(d.createdAt)}
          {d.completedAt && ` · finished ${formatPreciseTime(d.completedAt)}`}
        </Text>
        {d.status === 'pending' && d.nextAttemptAt && (
          <Text size="sm" c="dimmed">
            Next attempt {formatRelative(d.nextAttemptAt)}
          </Text>
        )}
        {!webhook.enabled && d.status !== 'pending' && (
          <Text size="sm" c="dimmed">
            Enable the endpoint to redeliver.
          </Text>
        )}
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          webhook-id <Code>{d.id}</Code> · <Code>{d.eventType}</Code>
        </Text>
      </Stack>

      <Stack gap="xs">
        <Title order={3} size="h6">
          Attempts
        </Title>
        {d.attempts.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not attempted yet.
          </Text>
        ) : (
          <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {d.attempts.map((attempt, i) => (
              <Attempt key={attempt.at} attempt={attempt} number={i + 1} />
            ))}
          </Stack>
        )}
      </Stack>

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h6">
            Body
          </Title>
          <CopyButton value={d.body}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" onClick={copy}>
                {copied ? 'Copied' : 'Copy body'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Code block aria-label="Delivery body" style={{ maxHeight: 360, overflow: 'auto' }}>
          {body}
        </Code>
      </Stack>
    </Stack>
  );
}
