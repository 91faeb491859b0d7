import type { CourseGradebook } from '@edumatrix/contracts';
import { ActionIcon, Button, Group, NumberInput, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../../api.ts';
import { FormActions, ResponsiveModal } from '../../ui/FormActions.tsx';
import { notifySuccess } from '../../ui/problem.ts';
import { applyNestedProblem } from '../form-errors.ts';
import { categoryShares, storeBook } from './gradebook-queries.ts';

let seq = 0;
const nextKey = () => `cat${++seq}`;

type Row = { key: string; id?: string; name: string; weight: number | string };
type Values = { categories: Row[] };

const COLORS = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'indigo'];

type Props = { institutionId: string; courseId: string; book: CourseGradebook; onDone: () => void };

function CategoriesForm({ institutionId, courseId, book, onDone }: Props) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { categories: book.categories.map((c) => ({ key: nextKey(), id: c.id, name: c.name, weight: c.weight })) },
    validate: { categories: { name: (v) => (v.trim() ? null : 'Enter a name'), weight: (v) => (v === '' ? 'Enter a weight' : null) } },
  });
  const rows = form.getValues().categories;
  const uncategorised = book.items.some((i) => i.categoryId === null || !rows.some((r) => r.id === i.categoryId));
  // The bars follow the typed weights, so the effect of a change shows before saving.
  const shares = categoryShares(
    rows.map((r) => ({ name: r.name.trim() || 'Unnamed', weight: Number(r.weight) || 0 })),
    uncategorised,
  );
  const itemsIn = (id: string | undefined) => book.items.filter((i) => id && i.categoryId === id).length;

  async function save(values: Values) {
    setFormError(null);
    try {
      const saved = await client.courses.setGradebookCategories(institutionId, courseId, {
        categories: values.categories.map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name.trim(), weight: Number(c.weight) })),
      });
      storeBook(queryClient, institutionId, courseId, saved);
      notifySuccess('The grade categories were saved.');
      onDone();
    } catch (error) {
      setFormError(applyNestedProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The course total weighs each category’s average by its weight. Items in no category count together as one category of weight 1.
          Removing a category leaves its items in no category.
        </Text>
        {rows.length === 0 && <Text size="sm">No categories yet: every item counts the same.</Text>}
        {rows.map((row, i) => (
          <Stack key={row.key} gap={4} data-category={row.name}>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                label={`Category ${i + 1}`}
                required
                autoComplete="off"
                maxLength={100}
                style={{ flex: 1, minWidth: 0 }}
                {...form.getInputProps(`categories.${i}.name`)}
              />
              <NumberInput
                label="Weight"
                aria-label={`Weight of category ${i + 1}`}
                required
                min={0}
                max={1000}
                allowNegative={false}
                decimalScale={2}
                w={96}
                {...form.getInputProps(`categories.${i}.weight`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={26}
                aria-label={`Remove category ${i + 1}`}
                onClick={() => form.removeListItem('categories', i)}
              >
                ×
              </ActionIcon>
            </Group>
            <ShareBar share={shares[i]?.share ?? 0} color={COLORS[i % COLORS.length] ?? 'blue'} items={itemsIn(row.id)} />
          </Stack>
        ))}
        {uncategorised && rows.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              No category (weight 1)
            </Text>
            <ShareBar share={shares.at(-1)?.share ?? 0} color="gray" items={null} />
          </Stack>
        )}
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ alignSelf: 'flex-start' }}
          disabled={rows.length >= 20}
          onClick={() => form.insertListItem('categories', { key: nextKey(), name: '', weight: 1 })}
        >
          + Add category
        </Button>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Save categories
        </FormActions>
      </Stack>
    </form>
  );
}

/** A category's share of the total as a bar with its percentage. */
function ShareBar({ share, color, items }: { share: number; color: string; items: number | null }) {
  const rounded = Math.round(share);
  return (
    <Group gap="xs" wrap="nowrap" data-share={rounded}>
      <Progress value={share} color={color} size="md" style={{ flex: 1 }} aria-hidden="true" />
      <Text size="xs" c="dimmed" w={150} ta="right" style={{ whiteSpace: 'nowrap' }}>
        {rounded} % of the total{items === null ? '' : ` · ${items} ${items === 1 ? 'item' : 'items'}`}
      </Text>
    </Group>
  );
}

export function CategoriesModal({ opened, onClose, ...props }: Omit<Props, 'onDone'> & { opened: boolean; onClose: () => void }) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} size="lg" title="Grade categories">
      <CategoriesForm {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}
