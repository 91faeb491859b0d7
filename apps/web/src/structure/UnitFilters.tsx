import { Button, Collapse, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { PickOne, type PickOneOption } from '../ui/PickOne.tsx';
import { ARCHIVED_FILTERS, type ArchivedFilter } from './kinds.ts';

export type RefFilter = { key: string; label: string; placeholder: string; data: PickOneOption[]; disabled?: boolean };

type Props = {
  what: string;
  search: string;
  onSearch: (text: string) => void;
  archived: ArchivedFilter;
  onArchived: (value: ArchivedFilter) => void;
  refs: RefFilter[];
  values: Record<string, string | null>;
  onRef: (key: string, value: string | null) => void;
  phone: boolean;
};

function SearchIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true" focusable="false">
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" strokeLinecap="round" />
    </svg>
  );
}

export function UnitFilters({ what, search, onSearch, archived, onArchived, refs, values, onRef, phone }: Props) {
  const [open, toggle] = useDisclosure(false);
  const active = refs.filter((r) => values[r.key]).length;
  const grid = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm" verticalSpacing="sm">
      {refs.map((r) => (
        <PickOne
          key={r.key}
          label={r.label}
          placeholder={r.placeholder}
          data={r.data}
          value={values[r.key] ?? null}
          onChange={(value) => onRef(r.key, value)}
          disabled={r.disabled}
          clearable
        />
      ))}
    </SimpleGrid>
  );
  // Five selects stacked would push a phone's list below the fold; they open on request there.
  const folded = phone && refs.length > 2;

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap" align="center">
        <TextInput
          aria-label={`Search ${what}`}
          placeholder="Search by name or code"
          type="search"
          leftSection={<SearchIcon />}
          value={search}
          onChange={(event) => onSearch(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <SegmentedControl
          aria-label={`Which ${what} to show`}
          data={ARCHIVED_FILTERS}
          value={archived}
          onChange={(value) => onArchived(value as ArchivedFilter)}
          fullWidth={phone}
          style={phone ? { flex: '1 1 100%' } : undefined}
        />
      </Group>
      {refs.length > 0 &&
        (folded ? (
          <>
            <Button variant="subtle" size="compact-sm" onClick={toggle.toggle} aria-expanded={open} style={{ alignSelf: 'flex-start' }}>
              {open ? 'Hide filters' : 'More filters'}
              {active > 0 && ` (${active})`}
            </Button>
            <Collapse expanded={open}>{grid}</Collapse>
          </>
        ) : (
          grid
        ))}
    </Stack>
  );
}
