import type { GradingScale, UpdateGradingScaleBody } from '@edumatrix/contracts';
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage, focusFirstInvalid, notifySuccess, problemOf } from '../ui/problem.ts';
import { settingsKeys } from './queries.ts';

type Band = { key: string; label: string; min: number | string; gpa: number | string };
type Values = { kind: GradingScale['kind']; bands: Band[] };

const KINDS = [
  { value: 'letters', label: 'Letters (A, B, C…)' },
  { value: 'percentage', label: 'Percentage bands' },
  { value: 'gpa', label: 'GPA points' },
];

let nextKey = 0;
const keyed = (band: { label: string; min: number; gpa: number | null }): Band => ({
  key: `band-${nextKey++}`,
  label: band.label,
  min: band.min,
  gpa: band.gpa ?? '',
});
const valuesOf = (scale: GradingScale): Values => ({ kind: scale.kind, bands: scale.bands.map(keyed) });

function bodyOf(values: Values): UpdateGradingScaleBody {
  return {
    kind: values.kind,
    bands: values.bands.map((b) => ({ label: b.label.trim(), min: Number(b.min), gpa: b.gpa === '' ? null : Number(b.gpa) })),
  };
}

/** Bands from a minimum percentage, highest first; the server's checks land on the input they name. */
export function GradingScaleForm({ institutionId, scale }: { institutionId: string; scale: GradingScale }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(scale),
    validate: {
      bands: {
        label: (value) => (value.trim() ? null : 'Enter a label'),
        min: (value) => (value === '' ? 'Enter the lowest percentage' : null),
      },
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const saved = await client.settings.updateGradingScale(institutionId, bodyOf(values));
      queryClient.setQueryData(settingsKeys.gradingScale(institutionId), saved);
      form.setValues(valuesOf(saved));
      form.resetDirty(valuesOf(saved));
      notifySuccess('The grading scale was saved.');
    } catch (error) {
      const fields = problemOf(error)?.errors ?? [];
      const known = fields.filter((f) => /^(kind|bands\.\d+\.(label|min|gpa))$/.test(f.field));
      if (known.length) {
        form.setErrors(Object.fromEntries(known.map((f) => [f.field, `${f.message.charAt(0).toUpperCase()}${f.message.slice(1)}`])));
        focusFirstInvalid();
      }
      if (known.length < fields.length || fields.length === 0) setFormError(errorMessage(error));
    }
  }

  const gpa = form.values.kind === 'gpa';
  const rows = form.values.bands.map((band, i) => (
    <Table.Tr key={band.key}>
      <Table.Td>
        <TextInput aria-label={`Label of band ${i + 1}`} maxLength={20} {...form.getInputProps(`bands.${i}.label`)} />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Minimum % of band ${i + 1}`}
          min={0}
          max={100}
          suffix=" %"
          decimalScale={2}
          {...form.getInputProps(`bands.${i}.min`)}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`GPA points of band ${i + 1}`}
          min={0}
          max={10}
          decimalScale={2}
          placeholder={gpa ? 'Required' : 'Optional'}
          {...form.getInputProps(`bands.${i}.gpa`)}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove band ${i + 1}`}
          disabled={form.values.bands.length <= 1}
          onClick={() => form.removeListItem('bands', i)}
        >
          ×
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="sm">
        <Select label="Kind of scale" data={KINDS} allowDeselect={false} style={{ maxWidth: 360 }} {...form.getInputProps('kind')} />
        <Text size="sm" c="dimmed">
          Highest band first. A mark earns the first band whose minimum it reaches; the last band must start at 0 %.
        </Text>
        <Table.ScrollContainer minWidth={330}>
          <Table verticalSpacing={4} horizontalSpacing={6} style={{ tableLayout: 'fixed' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Label</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>GPA points</Table.Th>
                <Table.Th w={36}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={form.values.bands.length >= 30}
            onClick={() => form.insertListItem('bands', keyed({ label: '', min: 0, gpa: null }))}
          >
            Add band
          </Button>
        </Group>
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
            Discard
          </Button>
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            Save grading scale
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
