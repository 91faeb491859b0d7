// Choosing people for a group. The social API has no people search, so the choice is among your
// connections, searchable by name or handle.
import { MultiSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { connectionsQuery } from './queries.ts';

export function PeoplePicker({
  value,
  onChange,
  exclude = [],
  label = 'Members',
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  exclude?: string[];
  label?: string;
  error?: string | null | undefined;
}) {
  const connections = useQuery(connectionsQuery());
  const data = (connections.data ?? [])
    .filter((c) => !exclude.includes(c.userId))
    .map((c) => ({ value: c.userId, label: c.handle ? `${c.displayName} (@${c.handle})` : c.displayName }));
  const none = connections.isSuccess && data.length === 0;
  return (
    <>
      <MultiSelect
        label={label}
        placeholder={value.length === 0 ? 'Search your connections' : undefined}
        data={data}
        value={value}
        onChange={onChange}
        searchable
        clearable
        hidePickedOptions
        nothingFoundMessage="No connection by that name"
        disabled={none}
        error={connections.isError ? 'Could not load your connections' : error}
        comboboxProps={{ withinPortal: true }}
      />
      {none && (
        <Text size="xs" c="dimmed">
          {exclude.length > 0 ? 'All your connections are in this group already.' : 'Connect with people to add them to a group.'}
        </Text>
      )}
    </>
  );
}
