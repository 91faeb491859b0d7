import type { CreateClassBody, Institution, SchoolClass, StructureKind } from '@edumatrix/contracts';
import { Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, usePhone } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { KIND_TEXT } from './kinds.ts';
import type { Lookups } from './lookups.ts';
import { choicesOf, teacherChoices } from './lookups.ts';
import { structureKeys } from './queries.ts';
import { RefSelect } from './RefSelect.tsx';
import type { Unit } from './UnitRows.tsx';

type Values = {
  name: string;
  code: string;
  description: string;
  departmentId: string | null;
  programId: string | null;
  academicYearId: string | null;
  termId: string | null;
  homeroomTeacherId: string | null;
  room: string;
  capacity: number | string;
};

// The contract's rule for codes, checked here so a typo does not wait for the server.
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function initialValues(kind: StructureKind, unit: Unit | null, lookups: Lookups): Values {
  const klass = (unit ?? {}) as Partial<SchoolClass>;
  const current = lookups.years.find((y) => y.current && !y.archivedAt);
  return {
    name: unit?.name ?? '',
    code: unit?.code ?? '',
    description: unit?.description ?? '',
    departmentId: klass.departmentId ?? null,
    programId: klass.programId ?? null,
    // New classes start in the current year, as the year's "current" mark promises.
    academicYearId: unit ? (klass.academicYearId ?? null) : kind === 'classes' ? (current?.id ?? null) : null,
    termId: klass.termId ?? null,
    homeroomTeacherId: klass.homeroomTeacherId ?? null,
    room: klass.room ?? '',
    capacity: klass.capacity ?? '',
  };
}

/** The request body for a kind: only the fields that kind has. */
function bodyOf(kind: StructureKind, v: Values): Record<string, unknown> {
  const common = { name: v.name.trim(), code: v.code.trim(), description: v.description.trim() };
  if (kind === 'programs' || kind === 'subjects') return { ...common, departmentId: v.departmentId };
  if (kind === 'classes') {
    return {
      ...common,
      departmentId: v.departmentId,
      programId: v.programId,
      academicYearId: v.academicYearId,
      termId: v.termId,
      homeroomTeacherId: v.homeroomTeacherId,
      room: v.room.trim() || null,
      capacity: v.capacity === '' ? null : Number(v.capacity),
    };
  }
  return common;
}

/**
 * Only what changed: an unchanged reference to something archived since would otherwise be
 * refused ("is an archived department") although the person did not touch it.
 */
function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value));
}

type FormProps = { kind: StructureKind; institution: Institution; unit: Unit | null; lookups: Lookups; onDone: () => void };

function UnitForm({ kind, institution, unit, lookups, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const text = KIND_TEXT[kind];
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initialValues(kind, unit, lookups),
    validate: {
      name: (value) => (!value.trim() ? `Enter the ${text.one}'s name` : value.trim().length > 120 ? 'Keep it under 120 characters' : null),
      code: (value) =>
        !value.trim()
          ? 'Enter a short code'
          : value.trim().length > 20
            ? 'Keep it under 20 characters'
            : CODE.test(value.trim())
              ? null
              : 'Use letters, digits, dots, hyphens or underscores, starting with a letter or digit',
      description: (value) => (value.trim().length > 1000 ? 'Keep it under 1000 characters' : null),
      room: (value) => (value.trim().length > 60 ? 'Keep it under 60 characters' : null),
      capacity: (value) =>
        value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 10_000)
          ? null
          : 'A whole number from 1 to 10,000',
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const body = bodyOf(kind, values);
      if (unit) {
        const changes = changesOf(bodyOf(kind, form.getInitialValues()), body);
        if (Object.keys(changes).length > 0) await client.structure.update(institution.id, kind, unit.id, changes);
        notifySuccess(`${body.name} was saved.`);
      } else {
        await client.structure.create(institution.id, kind, body as CreateClassBody);
        notifySuccess(`${body.name} was created.`);
      }
      // Names show up in other lists (a renamed department in the subjects table), so all of structure refreshes.
      await queryClient.invalidateQueries({ queryKey: structureKeys.all(institution.id) });
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  const v = form.getValues();
  const year = lookups.year(v.academicYearId);
  const hasDepartment = kind !== 'departments';

  function pickProgram(programId: string | null) {
    form.setFieldValue('programId', programId);
    // A program usually belongs to a department: saves a choice, and the person can still change it.
    const department = lookups.program(programId)?.departmentId;
    if (department && !form.getValues().departmentId) form.setFieldValue('departmentId', department);
  }

  function pickYear(yearId: string | null) {
    form.setFieldValue('academicYearId', yearId);
    const termId = form.getValues().termId;
    if (termId && lookups.term(termId)?.year.id !== yearId) form.setFieldValue('termId', null);
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput label="Name" required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Code"
            description="Short and unique, such as PHY or G9-A"
            required
            autoComplete="off"
            {...form.getInputProps('code')}
          />
        </SimpleGrid>
        {hasDepartment && (
          <SimpleGrid cols={{ base: 1, xs: kind === 'classes' ? 2 : 1 }} spacing="md" verticalSpacing="md">
            {kind === 'classes' && (
              <RefSelect
                label="Program"
                placeholder="No program"
                data={choicesOf(lookups.programs, form.getInitialValues().programId)}
                {...form.getInputProps('programId')}
                onChange={pickProgram}
              />
            )}
            <RefSelect
              label="Department"
              placeholder="No department"
              data={choicesOf(lookups.departments, form.getInitialValues().departmentId)}
              {...form.getInputProps('departmentId')}
            />
          </SimpleGrid>
        )}
        {kind === 'classes' && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
              <RefSelect
                label="Academic year"
                placeholder="No year"
                data={choicesOf(lookups.years, form.getInitialValues().academicYearId)}
                {...form.getInputProps('academicYearId')}
                onChange={pickYear}
              />
              <RefSelect
                label="Term"
                placeholder={year ? (year.terms.length ? 'Whole year' : 'This year has no terms') : 'Choose a year first'}
                disabled={!year || year.terms.length === 0}
                data={(year?.terms ?? []).map((t) => ({ value: t.id, label: t.name }))}
                {...form.getInputProps('termId')}
              />
            </SimpleGrid>
            <RefSelect
              label="Homeroom teacher"
              description="Members with the teacher, admin or owner role"
              placeholder="No homeroom teacher"
              data={teacherChoices(lookups.teachers)}
              {...form.getInputProps('homeroomTeacherId')}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
              <TextInput label="Room" placeholder="e.g. B-204" autoComplete="off" {...form.getInputProps('room')} />
              <NumberInput
                label="Capacity"
                description="Seats for students"
                min={1}
                max={10_000}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps('capacity')}
              />
            </SimpleGrid>
          </>
        )}
        <Textarea label="Description" description="Optional" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {unit ? 'Save changes' : `Create ${text.one}`}
        </FormActions>
      </Stack>
    </form>
  );
}

type Props = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function UnitFormModal({ opened, onClose, ...props }: Props) {
  const text = KIND_TEXT[props.kind];
  const phone = usePhone();
  const long = props.kind === 'classes';
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={props.unit ? `Edit ${props.unit.name}` : `New ${text.one}`}
      size={long ? 'lg' : 'md'}
      // A class has ten fields: on a phone they get the whole screen rather than a scrolling box.
      fullScreen={phone && long}
    >
      {/* Keyed, so editing another unit starts from its own values. */}
      <UnitForm key={props.unit?.id ?? 'new'} {...props} onDone={onClose} />
    </Modal>
  );
}
