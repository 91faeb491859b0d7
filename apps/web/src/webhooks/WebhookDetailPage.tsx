import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { webhookQuery } from './queries.ts';
import { ManagersOnly, Section } from './Section.tsx';
import { WebhookActions } from './WebhookActions.tsx';
import { WebhookSummary } from './WebhookSummary.tsx';

export function WebhookDetailPage() {
  const institution = useInstitutionContext();
  const { webhookId = '' } = useParams();
  const navigate = useNavigate();
  const allowed = canManage(institution.myRole);
  const webhook = useQuery({ ...webhookQuery(institution.id, webhookId), enabled: allowed });
  const listPath = `/institutions/${institution.id}/webhooks`;

  if (!allowed) return <ManagersOnly />;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={listPath} size="sm">
        ← All endpoints
      </Anchor>
      {webhook.isPending ? (
        <Loading label="Loading the endpoint" />
      ) : webhook.isError ? (
        <LoadError error={webhook.error} title="Could not load this endpoint" />
      ) : (
        <>
          <Section id="webhook-endpoint" title="Endpoint">
            <Stack gap="md">
              <WebhookSummary webhook={webhook.data} />
              <WebhookActions institutionId={institution.id} webhook={webhook.data} onDeleted={() => navigate(listPath)} />
            </Stack>
          </Section>
          <Section id="webhook-deliveries" title="Deliveries" hint="Newest first. Choose one to see every attempt and the exact body sent.">
            <DeliveryLog institutionId={institution.id} webhook={webhook.data} />
          </Section>
        </>
      )}
    </Stack>
  );
}
