import { Button, Code, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadError, Loading } from '../ui/states.tsx';
import { webhooksQuery } from './queries.ts';
import { WebhookActions } from './WebhookActions.tsx';
import { WebhookSummary } from './WebhookSummary.tsx';

function EmptyState() {
  return (
    <Stack gap="xs" py="xs">
      <Text fw={500}>No endpoints yet.</Text>
      <Text size="sm" c="dimmed">
        Webhooks let your other systems (a student information system, a chat bot, a spreadsheet) hear about changes here as they happen: we
        POST each event as JSON to a URL you choose.
      </Text>
      <Text size="sm" c="dimmed">
        Every request is signed: check the <Code>webhook-signature</Code> header against the <Code>webhook-id</Code>,{' '}
        <Code>webhook-timestamp</Code> and body with your endpoint's secret, as the Standard Webhooks libraries do.
      </Text>
    </Stack>
  );
}

export function WebhookList({ institutionId }: { institutionId: string }) {
  const webhooks = useQuery(webhooksQuery(institutionId));
  if (webhooks.isPending) return <Loading label="Loading webhook endpoints" />;
  if (webhooks.isError) return <LoadError error={webhooks.error} title="Could not load the webhook endpoints" />;
  if (webhooks.data.length === 0) return <EmptyState />;

  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {webhooks.data.map((webhook) => {
        const href = `/institutions/${institutionId}/webhooks/${webhook.id}`;
        return (
          <Paper component="li" key={webhook.id} withBorder radius="md" p="md" shadow="none">
            <Stack gap="sm">
              <WebhookSummary webhook={webhook} href={href} />
              <WebhookActions institutionId={institutionId} webhook={webhook}>
                <Button size="xs" variant="default" component={Link} to={href}>
                  Delivery log
                </Button>
              </WebhookActions>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
