import type { Institution, InstitutionRole } from '@edumatrix/contracts';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { validateEmail } from '../auth/validation.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PickOne } from '../ui/PickOne.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { assignableRoles, roleLabel } from './options.ts';
import { institutionKeys } from './queries.ts';

export function InviteMemberForm({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: string | null }>({
    initialValues: { email: '', role: 'student' },
    validate: { email: validateEmail, role: (value) => (value ? null : 'Choose a role') },
  });

  async function invite(values: typeof form.values) {
    setFormError(null);
    try {
      const invitation = await client.institutions.invite(institution.id, {
        email: values.email.trim(),
        role: values.role as InstitutionRole,
      });
      await queryClient.invalidateQueries({ queryKey: institutionKeys.invitations(institution.id) });
      form.setFieldValue('email', '');
      notifySuccess(
        `We emailed ${invitation.email} an invitation to join as ${roleLabel(invitation.role).toLowerCase()}.`,
        'Invitation sent',
      );
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(invite, focusFirstInvalid)} noValidate>
      <Stack gap="sm">
        {/* One row on wide screens: the button sits beside the fields, clear of the role list. */}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            required
            style={{ flex: '1 1 240px' }}
            {...form.getInputProps('email')}
          />
          <PickOne
            label="Role"
            required
            data={assignableRoles(institution.myRole)}
            style={{ flex: '1 1 160px' }}
            {...form.getInputProps('role')}
          />
          <Button type="submit" loading={form.submitting} style={{ flex: '0 0 auto' }}>
            Send invitation
          </Button>
        </Group>
        <FormAlert message={formError} />
      </Stack>
    </form>
  );
}
