import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { InviteMemberForm } from './InviteMemberForm.tsx';
import { MembersTable } from './MembersTable.tsx';
import { canManage } from './options.ts';
import { PendingInvitations } from './PendingInvitations.tsx';
import { useInstitutionContext } from './useInstitutionContext.ts';

function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={hint ? 2 : 'md'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="md">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

export function MembersPage() {
  const institution = useInstitutionContext();
  const manager = canManage(institution.myRole);
  return (
    <Stack gap="lg">
      {manager && (
        <Section id="invite-member" title="Invite member" hint="We email them a link to join. It works once.">
          <InviteMemberForm institution={institution} />
        </Section>
      )}
      <Section id="members" title="Members">
        <MembersTable institution={institution} />
      </Section>
      {manager && (
        <Section id="pending-invitations" title="Pending invitations">
          <PendingInvitations institution={institution} />
        </Section>
      )}
    </Stack>
  );
}
