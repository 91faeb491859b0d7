import type { Webhook } from '@edumatrix/contracts';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { eventTypeLabel } from './labels.ts';

export function EndpointStatus({ webhook }: { webhook: Webhook }) {
  if (webhook.enabled) {
    return (
      <Badge color="green" variant="light" style={{ flexShrink: 0 }}>
        Enabled
      </Badge>
    );
  }
  // Red when the platform gave up on the receiver; grey when an admin chose to pause it.
  const automatic = webhook.consecutiveFailures > 0;
  return (
    <Badge color={automatic ? 'red' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
      Disabled
    </Badge>
  );
}

type Props = { webhook: Webhook; href?: string };

/** URL, state and subscriptions of one endpoint; the URL links to its log when `href` is given. */
export function WebhookSummary({ webhook, href }: Props) {
  const url = (
    <Text fw={600} style={{ overflowWrap: 'anywhere' }} inherit>
      {webhook.url}
    </Text>
  );
  return (
    <Stack gap={6} miw={0}>
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        {href ? (
          <Anchor component={Link} to={href} miw={0}>
            {url}
          </Anchor>
        ) : (
          <div style={{ minWidth: 0 }}>{url}</div>
        )}
        <EndpointStatus webhook={webhook} />
      </Group>
      {webhook.description && (
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {webhook.description}
        </Text>
      )}
      {!webhook.enabled && webhook.disabledReason && (
        <Text size="sm" c={webhook.consecutiveFailures > 0 ? 'red' : 'dimmed'}>
          {webhook.disabledReason}.
        </Text>
      )}
      {webhook.enabled && webhook.consecutiveFailures > 0 && (
        <Text size="sm" c="orange.8">
          {webhook.consecutiveFailures === 1 ? 'The last delivery failed.' : `The last ${webhook.consecutiveFailures} deliveries failed.`}
        </Text>
      )}
      <Group gap={6}>
        {webhook.eventTypes.map((type) => (
          <Badge key={type} variant="outline" color="gray" size="sm" tt="none">
            {eventTypeLabel(type)}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
