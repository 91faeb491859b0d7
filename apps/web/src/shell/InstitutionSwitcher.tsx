import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { institutionsQuery } from '../institutions/queries.ts';
import { useCurrentInstitutionId } from './useCurrentInstitutionId.ts';

export function InstitutionSwitcher({ onSwitched }: { onSwitched?: () => void }) {
  const navigate = useNavigate();
  const currentId = useCurrentInstitutionId();
  const institutions = useQuery(institutionsQuery());
  const items = institutions.data ?? [];
  if (items.length === 0) return null;

  return (
    <Select
      aria-label="Switch institution"
      placeholder="Go to an institution"
      data={items.map((i) => ({ value: i.id, label: i.name }))}
      value={currentId && items.some((i) => i.id === currentId) ? currentId : null}
      onChange={(id) => {
        if (!id) return;
        void navigate(`/institutions/${id}`);
        onSwitched?.();
      }}
      allowDeselect={false}
      searchable={items.length > 7}
      nothingFoundMessage="No match"
      style={{ flex: '0 1 260px', minWidth: 0 }}
      comboboxProps={{ withinPortal: true }}
      scrollAreaProps={{ viewportProps: { tabIndex: -1 } }}
    />
  );
}
