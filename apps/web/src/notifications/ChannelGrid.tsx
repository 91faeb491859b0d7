import type { NotificationChannel, NotificationSettings } from '@edumatrix/contracts';
import { Center, Paper, SimpleGrid, Stack, Switch, Table, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { usePhone } from '../ui/FormActions.tsx';
import type { SettingsValues } from './settings-form.ts';

type Category = NotificationSettings['categories'][number];

export const CHANNELS: { value: NotificationChannel; label: string }[] = [
  { value: 'in_app', label: 'In-app' },
  { value: 'email', label: 'E-mail' },
  { value: 'push', label: 'Push' },
];

const channelLabel = (channel: NotificationChannel) => CHANNELS.find((c) => c.value === channel)?.label ?? channel;

/** Why a channel cannot be switched off, said next to the category. */
function lockNote(category: Category): string | null {
  if (category.locked.length === 0) return null;
  const names = category.locked.map(channelLabel).join(' and ');
  return category.category === 'account_security'
    ? `${names} is always on: you need to hear about password changes and sign-ins even if you switched the rest off.`
    : `${names} cannot be switched off for this category.`;
}

const noteId = (category: Category) => `lock-note-${category.category}`;

type Props = { form: UseFormReturnType<SettingsValues>; categories: Category[] };

/** Categories × channels: a table on wider screens, a card per category on phones. */
export function ChannelGrid({ form, categories }: Props) {
  const phone = usePhone();

  const channelSwitch = (category: Category, channel: NotificationChannel, withLabel: boolean) => {
    const locked = category.locked.includes(channel);
    const props = form.getInputProps(`channels.${category.category}.${channel}`, { type: 'checkbox' });
    return (
      <Switch
        key={channel}
        {...props}
        // Locked channels are on, whatever was stored.
        checked={locked || Boolean(props.checked)}
        disabled={locked}
        label={withLabel ? channelLabel(channel) : undefined}
        // Three labelled switches share a phone's width: a closer label that never breaks ("In-/app").
        styles={withLabel ? { label: { paddingInlineStart: 6, whiteSpace: 'nowrap' } } : undefined}
        aria-label={`${category.label}: ${channelLabel(channel)}`}
        aria-describedby={locked ? noteId(category) : undefined}
      />
    );
  };

  if (phone) {
    return (
      <Stack gap="xs">
        {categories.map((category) => {
          const note = lockNote(category);
          return (
            <Paper key={category.category} withBorder radius="md" p="sm" component="section" aria-label={category.label}>
              <Text fw={600} size="sm">
                {category.label}
              </Text>
              {note && (
                <Text id={noteId(category)} size="xs" c="dimmed" mt={2}>
                  {note}
                </Text>
              )}
              <SimpleGrid cols={3} spacing={8} mt="xs">
                {CHANNELS.map((c) => channelSwitch(category, c.value, true))}
              </SimpleGrid>
            </Paper>
          );
        })}
      </Stack>
    );
  }

  return (
    <Table verticalSpacing="sm" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Category</Table.Th>
          {CHANNELS.map((c) => (
            <Table.Th key={c.value} ta="center" w={96}>
              {c.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {categories.map((category) => {
          const note = lockNote(category);
          return (
            <Table.Tr key={category.category}>
              <Table.Th scope="row" fw={500}>
                <Text size="sm" fw={500}>
                  {category.label}
                </Text>
                {note && (
                  <Text id={noteId(category)} size="xs" c="dimmed" fw={400} maw={420}>
                    {note}
                  </Text>
                )}
              </Table.Th>
              {CHANNELS.map((c) => (
                <Table.Td key={c.value}>
                  <Center>{channelSwitch(category, c.value, false)}</Center>
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
