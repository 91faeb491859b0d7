import { Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { FormActions, ResponsiveModal } from '../../ui/FormActions.tsx';
import { applyProblem, notifySuccess } from '../../ui/problem.ts';
import { type OverrideTarget, percentText, storeBook, targetLabel } from './gradebook-queries.ts';

type Values = { percent: number | string; reason: string };

type Props = { institutionId: string; courseId: string; target: OverrideTarget; onDone: () => void };

function OverrideForm({ institutionId, courseId, target, onDone }: Props) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [clearing, setClearing] = useState(false);
  const cell = target.item ? target.row.items[target.item.id] : target.row.total;
  const form = useForm<Values>({
    initialValues: { percent: cell?.overridden ? (cell.percent ?? '') : '', reason: cell?.overridden ? (cell.reason ?? '') : '' },
    // The server says the same; saying it here spares a round trip.
    validate: {
      percent: (v) => (v === '' ? 'Enter a percentage' : null),
      reason: (v) => (v.trim().length >= 3 ? null : 'Say why the grade is overridden (at least 3 characters)'),
    },
  });

  async function send(percent: number | null, reason: string) {
    setFormError(null);
    const item = target.item?.id ?? 'course';
    const book = await client.courses.overrideGrade(institutionId, courseId, target.row.userId, { item, percent, reason });
    storeBook(queryClient, institutionId, courseId, book);
  }

  async function save(values: Values) {
    try {
      await send(Number(values.percent), values.reason.trim());
      notifySuccess(`${target.row.displayName}: ${targetLabel(target)} set to ${percentText(Number(values.percent))}.`);
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  async function clear() {
    setClearing(true);
    try {
      await send(null, '');
      notifySuccess(`${target.row.displayName}: the override of ${targetLabel(target)} was cleared.`);
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    } finally {
      setClearing(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed" data-current-grade>
          {cell?.overridden
            ? `Overridden at ${percentText(cell.percent)}: “${cell.reason ?? ''}”.`
            : cell?.percent === null || cell?.percent === undefined
              ? 'No result yet.'
              : `Now ${percentText(cell.percent)}, ${target.item ? 'from the learner’s work' : 'weighted over the categories'}.`}
        </Text>
        <NumberInput
          label="Grade (%)"
          required
          min={0}
          max={100}
          decimalScale={1}
          allowNegative={false}
          clampBehavior="strict"
          data-autofocus
          {...form.getInputProps('percent')}
        />
        <Textarea
          label="Reason"
          description="Kept with the grade and shown to other teachers"
          required
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('reason')}
        />
        {cell?.overridden && (
          <Group>
            <Button variant="subtle" color="red" loading={clearing} onClick={clear}>
              Clear override
            </Button>
          </Group>
        )}
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Save override
        </FormActions>
      </Stack>
    </form>
  );
}

/** `target` outlives `opened`, so the dialog keeps its title and content while it fades out. */
export function OverrideModal({
  opened,
  target,
  onClose,
  ...props
}: Omit<Props, 'target' | 'onDone'> & { opened: boolean; target: OverrideTarget | null; onClose: () => void }) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={target ? `Override ${target.row.displayName} · ${targetLabel(target)}` : ''}>
      {target && <OverrideForm key={`${target.row.userId}/${target.item?.id ?? 'course'}`} {...props} target={target} onDone={onClose} />}
    </ResponsiveModal>
  );
}
