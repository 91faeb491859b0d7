import type { DigestFrequency, NotificationSettings } from '@edumatrix/contracts';
import { Anchor, Button, Group, Paper, Radio, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { timeZoneOptions, withCurrent } from '../institutions/options.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { PickOne } from '../ui/PickOne.tsx';
import { focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ChannelGrid } from './ChannelGrid.tsx';
import { PushDeviceSwitch } from './PushDeviceSwitch.tsx';
import { applySettingsProblem, bodyOf, type SettingsValues, valuesOf, zoneFor } from './settings-form.ts';
import { notificationSettingsQuery, settingsKeys } from './settings-queries.ts';

const DIGESTS: { value: DigestFrequency; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly, on Mondays' },
];

export function NotificationSettingsPage() {
  usePageTitle('Notification settings');
  const settings = useQuery(notificationSettingsQuery());

  return (
    <Stack maw={880} gap="xl">
      <div>
        <Title order={1}>Notification settings</Title>
        <Text c="dimmed" size="sm">
          Choose what reaches you, and how.{' '}
          <Anchor component={Link} to="/notifications">
            Back to your notifications
          </Anchor>
        </Text>
      </div>
      {settings.isPending ? (
        <Loading label="Loading your notification settings" />
      ) : settings.isError ? (
        <LoadError error={settings.error} title="Could not load your notification settings" />
      ) : (
        <SettingsForm initial={settings.data} />
      )}
    </Stack>
  );
}

function SettingsForm({ initial }: { initial: NotificationSettings }) {
  const queryClient = useQueryClient();
  // What the server holds: the form sends only the switches that differ from it.
  const [saved, setSaved] = useState(initial);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SettingsValues>({
    initialValues: valuesOf(initial),
    validate: {
      quietStart: (value, values) => (values.quietEnabled && !value ? 'Enter a time' : null),
      quietEnd: (value, values) => (values.quietEnabled && !value ? 'Enter a time' : null),
      timeZone: (value) => (value ? null : 'Choose a time zone'),
    },
  });
  const values = form.getValues();
  const zones = useMemo(() => withCurrent(timeZoneOptions(), values.timeZone), [values.timeZone]);
  const zoneFromBrowser = zoneFor(saved).fromBrowser && values.timeZone === zoneFor(saved).zone;

  async function save(current: SettingsValues) {
    setFormError(null);
    try {
      const next = await client.notifications.updateSettings(bodyOf(saved, current));
      setSaved(next);
      queryClient.setQueryData(settingsKeys.mine(), next);
      form.setInitialValues(valuesOf(next));
      form.setValues(valuesOf(next));
      notifySuccess('Your notification settings were saved.');
    } catch (error) {
      setFormError(applySettingsProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="xl">
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="channels-title">
          <Title order={2} size="h4" id="channels-title">
            What reaches you where
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            In-app is the bell and this site&apos;s notification list. E-mail and push wait while quiet hours last.
          </Text>
          <ChannelGrid form={form} categories={saved.categories} />
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="push-title">
          <Title order={2} size="h4" id="push-title" mb="sm">
            Push on this device
          </Title>
          <PushDeviceSwitch />
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="quiet-title">
          <Title order={2} size="h4" id="quiet-title">
            Quiet hours
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            No e-mail or push in this time (account and security messages still come); they are sent when it ends.
          </Text>
          <Stack gap="md">
            <Switch label="Use quiet hours" {...form.getInputProps('quietEnabled', { type: 'checkbox' })} />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
              <TextInput label="Starts at" type="time" disabled={!values.quietEnabled} {...form.getInputProps('quietStart')} />
              <TextInput label="Ends at" type="time" disabled={!values.quietEnabled} {...form.getInputProps('quietEnd')} />
              <PickOne label="Time zone" data={zones} autoComplete="off" {...form.getInputProps('timeZone')} />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={-8}>
              {zoneFromBrowser
                ? "The time zone is this browser's; it is saved with your settings. Quiet hours and digests follow it."
                : 'Quiet hours and digests follow this time zone.'}
            </Text>
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="digest-title">
          <Title order={2} size="h4" id="digest-title" mb="sm">
            Digest
          </Title>
          <Radio.Group
            label="E-mail me my unread notifications"
            description="In one e-mail at 08:00 in your time zone."
            {...form.getInputProps('digest')}
          >
            <Group gap="lg" mt="xs">
              {DIGESTS.map((d) => (
                <Radio key={d.value} value={d.value} label={d.label} />
              ))}
            </Group>
          </Radio.Group>
        </Paper>

        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
