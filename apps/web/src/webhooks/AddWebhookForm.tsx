import type { WebhookEventType, WebhookWithSecret } from '@edumatrix/contracts';
import { Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { EVENT_TYPE_OPTIONS } from './labels.ts';
import { webhookKeys } from './queries.ts';

type Values = { url: string; description: string; eventTypes: string[] };

/** The same rule as the contract's, checked here so a typo does not wait for the server. */
function validateUrl(value: string): string | null {
  const text = value.trim();
  if (!text) return 'Enter the URL that should receive the events';
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:' ? null : 'Must be an http or https URL';
  } catch {
    return 'Must be an http or https URL';
  }
}

type Props = { institutionId: string; onCreated: (webhook: WebhookWithSecret) => void };

export function AddWebhookForm({ institutionId, onCreated }: Props) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { url: '', description: '', eventTypes: [] },
    validate: {
      url: validateUrl,
      description: (value) => (value.trim().length > 200 ? 'Keep it under 200 characters' : null),
      eventTypes: (value) => (value.length > 0 ? null : 'Choose at least one event'),
    },
  });

  async function create(values: Values) {
    setFormError(null);
    try {
      const webhook = await client.webhooks.create(institutionId, {
        url: values.url.trim(),
        description: values.description.trim(),
        eventTypes: values.eventTypes as WebhookEventType[],
      });
      await queryClient.invalidateQueries({ queryKey: webhookKeys.list(institutionId) });
      form.reset();
      onCreated(webhook);
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(create, focusFirstInvalid)} noValidate>
      <Stack gap="md">
        <TextInput
          label="URL"
          description="Where we POST each event. Use https in production."
          placeholder="https://example.org/webhooks/edumatrix"
          type="url"
          autoComplete="off"
          required
          {...form.getInputProps('url')}
        />
        <TextInput
          label="Description"
          description="Optional: a note for other admins, such as which system this feeds."
          autoComplete="off"
          {...form.getInputProps('description')}
        />
        <Checkbox.Group label="Events" description="Send these events to the endpoint." required {...form.getInputProps('eventTypes')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" mt="xs">
            {EVENT_TYPE_OPTIONS.map((option) => (
              <Checkbox
                key={option.value}
                value={option.value}
                label={option.label}
                description={
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {option.value}
                  </Text>
                }
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <FormAlert message={formError} />
        <Group>
          <Button type="submit" loading={form.submitting}>
            Add endpoint
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
