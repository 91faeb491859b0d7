import type { Student, StudentStatus } from '@edumatrix/contracts';
import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { fullName, STUDENT_STATUSES } from './labels.ts';
import { peopleKeys } from './queries.ts';

type Values = { studentNumber: string; firstName: string; lastName: string; dateOfBirth: string; email: string; status: StudentStatus };

// The contract's rules, checked here so a typo does not wait for the server.
const NUMBER = /^[A-Za-z0-9][A-Za-z0-9./_-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const initialValues = (student: Student | null): Values => ({
  studentNumber: student?.studentNumber ?? '',
  firstName: student?.firstName ?? '',
  lastName: student?.lastName ?? '',
  dateOfBirth: student?.dateOfBirth ?? '',
  email: student?.email ?? '',
  status: student?.status ?? 'active',
});

const bodyOf = (v: Values) => ({
  studentNumber: v.studentNumber.trim(),
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  dateOfBirth: v.dateOfBirth || null,
  email: v.email.trim() || null,
  status: v.status,
});

const required = (what: string, max: number) => (value: string) =>
  !value.trim() ? `Enter the ${what}` : value.trim().length > max ? `Keep it under ${max} characters` : null;

type FormProps = { institutionId: string; student: Student | null; onDone: (saved: Student) => void; onCancel: () => void };

function StudentForm({ institutionId, student, onDone, onCancel }: FormProps) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<Values>({
    initialValues: initialValues(student),
    validate: {
      studentNumber: (value) =>
        required('student number', 30)(value) ??
        (NUMBER.test(value.trim()) ? null : 'Use letters, digits, dots, slashes, hyphens or underscores'),
      firstName: required('first name', 80),
      lastName: required('last name', 80),
      dateOfBirth: (value) => (value && (value < '1900-01-01' || value > today) ? 'Enter a real birth date, not in the future' : null),
      email: (value) => (value.trim() && !EMAIL.test(value.trim()) ? 'Enter an email address such as sara@example.com' : null),
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const body = bodyOf(values);
      let saved: Student;
      if (student) {
        const before = bodyOf(form.getInitialValues());
        const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => before[key as keyof typeof before] !== value));
        saved = await client.students.update(institutionId, student.id, changes);
        notifySuccess(`${fullName(saved)} was saved.`);
      } else {
        saved = await client.students.create(institutionId, body);
        notifySuccess(`${fullName(saved)} was added.`);
      }
      await queryClient.invalidateQueries({ queryKey: peopleKeys.students(institutionId) });
      onDone(saved);
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
            label="Student number"
            description="Unique in the institution, such as S-2026-014"
            required
            autoComplete="off"
            {...form.getInputProps('studentNumber')}
          />
          <Select
            label="Status"
            data={STUDENT_STATUSES.map(({ value, label }) => ({ value, label }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('status')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput label="Date of birth" type="date" max={today} description="Optional" {...form.getInputProps('dateOfBirth')} />
          <TextInput label="Email" type="email" description="Optional" autoComplete="off" {...form.getInputProps('email')} />
        </SimpleGrid>
        <FormActions error={formError} onCancel={onCancel} submitting={form.submitting}>
          {student ? 'Save changes' : 'Add student'}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = { institutionId: string; student: Student | null; opened: boolean; onClose: () => void; onSaved?: (saved: Student) => void };

export function StudentFormModal({ institutionId, student, opened, onClose, onSaved }: Props) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={student ? `Edit ${fullName(student)}` : 'Add student'} size="lg">
      {/* Keyed, so editing another student starts from their own values. */}
      <StudentForm
        key={student?.id ?? 'new'}
        institutionId={institutionId}
        student={student}
        onCancel={onClose}
        onDone={(saved) => {
          onClose();
          onSaved?.(saved);
        }}
      />
    </ResponsiveModal>
  );
}
