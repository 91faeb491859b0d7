// The rubric part of the assignment form: criteria, each with its levels and their points. Kept
// apart from the form so the form stays readable; it edits the form's `rubric` list in place.
import { ActionIcon, Button, Fieldset, Group, Input, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { pts } from './assignment-queries.ts';
import { type AssignmentValues, builderMax, newCriterion, newLevel } from './assignment-values.ts';

export function RubricBuilder({ form }: { form: UseFormReturnType<AssignmentValues> }) {
  const rubric = form.getValues().rubric;
  return (
    <Fieldset legend="Rubric (optional)">
      <Stack gap="sm">
        {rubric.length === 0 ? (
          <Text size="sm" c="dimmed">
            Without a rubric you give points directly. With one, you pick a level for each criterion and the maximum is the sum of the best
            levels.
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Maximum from the rubric: {pts(builderMax(rubric))} points.
          </Text>
        )}
        {rubric.map((criterion, ci) => (
          <Paper key={criterion.key} withBorder radius="md" p="sm" data-criterion-form={ci + 1}>
            <Stack gap="xs">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label={`Criterion ${ci + 1}`}
                  placeholder="Argument"
                  required
                  style={{ flex: 1 }}
                  {...form.getInputProps(`rubric.${ci}.title`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={26}
                  aria-label={`Remove criterion ${ci + 1}`}
                  onClick={() => form.removeListItem('rubric', ci)}
                >
                  ×
                </ActionIcon>
              </Group>
              <TextInput
                label="What it looks at"
                placeholder="Optional"
                aria-label={`Criterion ${ci + 1} description`}
                {...form.getInputProps(`rubric.${ci}.description`)}
              />
              <Stack gap={6}>
                {criterion.levels.map((level, li) => (
                  <Group key={level.key} gap="xs" align="flex-start" wrap="nowrap">
                    <TextInput
                      aria-label={`Criterion ${ci + 1}, level ${li + 1}`}
                      placeholder={`Level ${li + 1}`}
                      style={{ flex: 1, minWidth: 0 }}
                      {...form.getInputProps(`rubric.${ci}.levels.${li}.title`)}
                    />
                    <NumberInput
                      aria-label={`Criterion ${ci + 1}, level ${li + 1} points`}
                      min={0}
                      max={1000}
                      decimalScale={2}
                      allowNegative={false}
                      w={90}
                      rightSection={
                        <Text size="xs" c="dimmed">
                          pts
                        </Text>
                      }
                      {...form.getInputProps(`rubric.${ci}.levels.${li}.points`)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      mt={2}
                      aria-label={`Remove criterion ${ci + 1}, level ${li + 1}`}
                      disabled={criterion.levels.length <= 2}
                      onClick={() => form.removeListItem(`rubric.${ci}.levels`, li)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                <Input.Error>{form.errors[`rubric.${ci}.levels`]}</Input.Error>
                {criterion.levels.length < 8 && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    style={{ alignSelf: 'flex-start' }}
                    onClick={() => form.insertListItem(`rubric.${ci}.levels`, newLevel('', 0))}
                  >
                    + Add level
                  </Button>
                )}
              </Stack>
            </Stack>
          </Paper>
        ))}
        <Input.Error>{form.errors.rubric}</Input.Error>
        {rubric.length < 20 && (
          <Button
            variant="light"
            size="compact-sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => form.insertListItem('rubric', newCriterion())}
          >
            + Add criterion
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}
