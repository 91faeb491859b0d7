import type { WebhookWithSecret } from '@edumatrix/contracts';
import { Stack } from '@mantine/core';
import { useState } from 'react';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { AddWebhookForm } from './AddWebhookForm.tsx';
import { SecretReveal } from './SecretReveal.tsx';
import { ManagersOnly, Section } from './Section.tsx';
import { WebhookList } from './WebhookList.tsx';

export function WebhooksPage() {
  const institution = useInstitutionContext();
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  if (!canManage(institution.myRole)) return <ManagersOnly />;

  return (
    <Stack gap="lg">
      <Section id="webhook-endpoints" title="Endpoints" hint="Other systems that receive this institution's events.">
        <WebhookList institutionId={institution.id} />
      </Section>
      <Section id="add-webhook" title="Add endpoint" hint="We send each chosen event as a signed JSON POST request.">
        <Stack gap="lg">
          {created && (
            <SecretReveal
              key={created.id}
              title="Endpoint added: copy its secret"
              secret={created.secret}
              onDismiss={() => setCreated(null)}
            />
          )}
          {/* The switcher reuses this page for another institution; its form must start over. */}
          <AddWebhookForm key={institution.id} institutionId={institution.id} onCreated={setCreated} />
        </Stack>
      </Section>
    </Stack>
  );
}
