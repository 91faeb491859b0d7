import type { Audience, Institution } from '@edumatrix/contracts';
import { Checkbox, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { useMyClasses } from '../attendance/queries.ts';
import { canManage } from '../institutions/options.ts';
import { lookupQuery } from '../structure/queries.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { announcementKeys } from './queries.ts';

type Values = { title: string; body: string; audience: string | null; later: boolean; publishAt: string };

const EVERYONE = 'institution';

function audienceOf(value: string): Audience {
  if (value === EVERYONE) return { kind: 'institution' };
  const [kind, id = ''] = value.split(':');
  return kind === 'department' ? { kind: 'department', id } : { kind: 'class', id };
}

/** A datetime-local value ("2026-11-24T08:00") is the browser's wall clock; the API wants an offset. */
const isoOf = (local: string) => new Date(local).toISOString();

function AnnouncementForm({ institution, onDone }: { institution: Institution; onDone: () => void }) {
  const queryClient = useQueryClient();
  const manager = canManage(institution.myRole);
  const mine = useMyClasses(institution);
  const departments = useQuery({ ...lookupQuery(institution.id, 'departments'), enabled: manager });
  const [formError, setFormError] = useState<string | null>(null);
  const classItems = mine.classes.map((c) => ({ value: `class:${c.id}`, label: c.name }));
  const audiences = manager
    ? [
        { group: 'Institution', items: [{ value: EVERYONE, label: 'Everyone' }] },
        {
          group: 'Departments',
          items: (departments.data?.items ?? []).filter((d) => !d.archivedAt).map((d) => ({ value: `department:${d.id}`, label: d.name })),
        },
        { group: 'Classes', items: classItems },
      ].filter((g) => g.items.length > 0)
    : classItems;

  const form = useForm<Values>({
    initialValues: { title: '', body: '', audience: manager ? EVERYONE : null, later: false, publishAt: '' },
    validate: {
      title: (value) => (!value.trim() ? 'Enter a title' : value.trim().length > 200 ? 'Keep it under 200 characters' : null),
      body: (value) => (value.length > 10_000 ? 'Keep it under 10,000 characters' : null),
      audience: (value) => (value ? null : 'Choose who it is for'),
      publishAt: (value, values) =>
        !values.later ? null : !value ? 'Choose when to publish' : Date.parse(value) <= Date.now() ? 'Choose a time in the future' : null,
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const created = await client.announcements.create(institution.id, {
        title: values.title.trim(),
        body: values.body.trim(),
        audience: audienceOf(values.audience as string),
        ...(values.later ? { publishAt: isoOf(values.publishAt) } : {}),
      });
      notifySuccess(
        created.publishedAt
          ? `“${created.title}” was announced${created.recipients !== null ? ` to ${created.recipients} ${created.recipients === 1 ? 'person' : 'people'}` : ''}.`
          : `“${created.title}” will be published later.`,
      );
      await queryClient.invalidateQueries({ queryKey: announcementKeys.all(institution.id) });
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
        <Textarea label="Message" autosize minRows={4} maxRows={12} {...form.getInputProps('body')} />
        <Select
          label="Audience"
          required
          allowDeselect={false}
          placeholder={manager ? undefined : 'One of your classes'}
          description={manager ? undefined : 'Teachers announce to the classes they teach.'}
          nothingFoundMessage="No classes"
          data={audiences}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('audience')}
        />
        <Checkbox label="Publish later" {...form.getInputProps('later', { type: 'checkbox' })} />
        {form.getValues().later && (
          <TextInput
            label="Publish at"
            type="datetime-local"
            required
            description="In your device’s time zone."
            {...form.getInputProps('publishAt')}
          />
        )}
        <Text size="xs" c="dimmed">
          Everyone in the audience gets it in their notifications.
        </Text>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {form.getValues().later ? 'Schedule' : 'Publish'}
        </FormActions>
      </Stack>
    </form>
  );
}

export function AnnouncementFormModal({
  institution,
  opened,
  onClose,
}: {
  institution: Institution;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="New announcement" size="lg">
      <AnnouncementForm institution={institution} onDone={onClose} />
    </ResponsiveModal>
  );
}
