import { Select, type SelectProps } from '@mantine/core';
import { useEffect, useId } from 'react';
import type { PickOneOption } from '../ui/PickOne.tsx';

type Props = Omit<SelectProps, 'data'> & { data: PickOneOption[] };

/**
 * A searchable, clearable select for a reference inside a dialog. Unlike PickOne its list opens in
 * a portal, so it is not cut off by the dialog's scrolling body.
 */
export function RefSelect({ id, data, ...props }: Props) {
  const generatedId = useId();
  const inputId = id ?? `ref-${generatedId.replaceAll(':', '')}`;

  useEffect(() => {
    // As in PickOne: Mantine names the (always mounted) option list after the field's label, which
    // makes two elements answer to "Department". The list gets a neutral name instead.
    const list = document.querySelector(`[role="listbox"][aria-labelledby="${inputId}-label"]`);
    if (list) {
      list.removeAttribute('aria-labelledby');
      list.setAttribute('aria-label', 'Choices');
    }
  });

  return (
    <Select
      searchable
      clearable
      maxDropdownHeight={260}
      nothingFoundMessage="No match"
      {...props}
      id={inputId}
      data={data}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
