import type { Department, StaffKind, StaffMember } from '@edumatrix/contracts';
import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { choicesOf } from '../structure/lookups.ts';
import { RefSelect } from '../structure/RefSelect.tsx';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { fullName, STAFF_KINDS } from './labels.ts';
import { peopleKeys } from './queries.ts';

type Values = {
  staffNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  kind: StaffKind;
  title: string;
  departmentId: string | null;
};

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9./_-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const initialValues = (member: StaffMember | null): Values => ({
  staffNumber: member?.staffNumber ?? '',
  firstName: member?.firstName ?? '',
  lastName: member?.lastName ?? '',
  email: member?.email ?? '',
  kind: member?.kind ?? 'teacher',
  title: member?.title ?? '',
  departmentId: member?.departmentId ?? null,
});

const bodyOf = (v: Values) => ({
  staffNumber: v.staffNumber.trim(),
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  email: v.email.trim() || null,
  kind: v.kind,
  title: v.title.trim(),
  departmentId: v.departmentId,
});

const required = (what: string, max: number) => (value: string) =>
  !value.trim() ? `Enter the ${what}` : value.trim().length > max ? `Keep it under ${max} characters` : null;

type FormProps = { institutionId: string; member: StaffMember | null; departments: Department[]; onDone: () => void };

function StaffForm({ institutionId, member, departments, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initialValues(member),
    validate: {
      staffNumber: (value) =>
        required('staff number', 30)(value) ??
        (NUMBER.test(value.trim()) ? null : 'Use letters, digits, dots, slashes, hyphens or underscores'),
      firstName: required('first name', 80),
      lastName: required('last name', 80),
      email: (value) => (value.trim() && !EMAIL.test(value.trim()) ? 'Enter an email address such as tariq@example.com' : null),
      title: (value) => (value.trim().length > 80 ? 'Keep it under 80 characters' : null),
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const body = bodyOf(values);
      if (member) {
        const before = bodyOf(form.getInitialValues());
        const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => before[key as keyof typeof before] !== value));
        if (Object.keys(changes).length > 0) await client.staff.update(institutionId, member.id, changes);
        notifySuccess(`${fullName(body)} was saved.`);
      } else {
        await client.staff.create(institutionId, body);
        notifySuccess(`${fullName(body)} was added.`);
      }
      await queryClient.invalidateQueries({ queryKey: peopleKeys.staff(institutionId) });
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput label="First name" required autoComplete="off" data-autofocus {...form.getInputProps('firstName')} />
          <TextInput label="Last name" required autoComplete="off" {...form.getInputProps('lastName')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput
            label="Staff number"
            description="Unique in the institution"
            required
            autoComplete="off"
            {...form.getInputProps('staffNumber')}
          />
          <Select
            label="Kind"
            description="Teachers can be given classes"
            data={STAFF_KINDS}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput label="Title" placeholder="e.g. Head of Sciences" autoComplete="off" {...form.getInputProps('title')} />
          <RefSelect
            label="Department"
            placeholder="No department"
            data={choicesOf(departments, form.getInitialValues().departmentId)}
            {...form.getInputProps('departmentId')}
          />
        </SimpleGrid>
        <TextInput label="Email" type="email" description="Optional" autoComplete="off" {...form.getInputProps('email')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {member ? 'Save changes' : 'Add staff member'}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function StaffFormModal({ opened, onClose, ...props }: Props) {
  return (
    <ResponsiveModal
      opened={opened}
      onClose={onClose}
      title={props.member ? `Edit ${fullName(props.member)}` : 'Add staff member'}
      size="lg"
    >
      <StaffForm key={props.member?.id ?? 'new'} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
