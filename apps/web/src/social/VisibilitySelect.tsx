// Who a post is for: everyone, connections, or the members of one of the author's institutions
// (the only institutions the server accepts).
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { institutionsQuery } from '../institutions/queries.ts';

type Props = { value?: string; onChange: (value: string) => void; error?: ReactNode };

export function VisibilitySelect({ value, onChange, error }: Props) {
  const institutions = useQuery(institutionsQuery());
  const data = [
    { value: 'public', label: 'Everyone' },
    { value: 'connections', label: 'My connections' },
    ...(institutions.data ?? []).map((i) => ({ value: `institution:${i.id}`, label: `Members of ${i.name}` })),
  ];
  return (
    <Select
      label="Who can see it"
      size="xs"
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      allowDeselect={false}
      error={error}
      comboboxProps={{ withinPortal: true }}
      w={{ base: '100%', xs: 240 }}
    />
  );
}

/** For labels on cards: an institution's name from the viewer's own list, when they are a member. */
export function useInstitutionName() {
  const institutions = useQuery(institutionsQuery());
  return (id: string) => institutions.data?.find((i) => i.id === id)?.name;
}
