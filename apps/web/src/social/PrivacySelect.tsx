// Who may see one profile field: everyone, connections, people at one's institutions, or only me.
import type { FieldPrivacy } from '@edumatrix/contracts';
import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { PRIVACY_OPTIONS } from './labels.ts';

type Props = { field: string; value?: FieldPrivacy; onChange: (value: FieldPrivacy) => void; error?: ReactNode };

export function PrivacySelect({ field, value, onChange, error }: Props) {
  return (
    <Select
      label={`Who can see your ${field}`}
      size="xs"
      data={PRIVACY_OPTIONS}
      value={value}
      onChange={(next) => next && onChange(next as FieldPrivacy)}
      allowDeselect={false}
      error={error}
      comboboxProps={{ withinPortal: true }}
      w={{ base: '100%', sm: 220 }}
      style={{ flex: 'none' }}
    />
  );
}
