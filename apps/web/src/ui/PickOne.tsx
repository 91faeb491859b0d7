import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { type FocusEvent, useEffect, useId, useState } from 'react';

export type PickOneOption = { value: string; label: string };

type PickOneProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'> & {
  data: PickOneOption[];
  value?: string | null;
  onChange: (value: string | null) => void;
};

const normalize = (text: string) => text.trim().toLowerCase();

/** Typing "pk" finds Pakistan and "asia/kar" finds Asia/Karachi: codes count as much as names. */
const byLabelOrValue: OptionsFilter = ({ options, search }) => {
  const needle = normalize(search);
  return (options as ComboboxItem[]).filter(
    (option) => normalize(option.label).includes(needle) || normalize(option.value).includes(needle),
  );
};

const exactMatch = (data: PickOneOption[], typed: string) => {
  const needle = normalize(typed);
  return needle ? data.find((o) => normalize(o.label) === needle || normalize(o.value) === needle) : undefined;
};

function bestMatch(data: PickOneOption[], typed: string): PickOneOption | undefined {
  const needle = normalize(typed);
  if (!needle) return undefined;
  return (
    exactMatch(data, typed) ??
    data.find((o) => normalize(o.label).startsWith(needle)) ??
    data.find((o) => normalize(o.label).includes(needle) || normalize(o.value).includes(needle))
  );
}

/**
 * A searchable select that keeps what was typed: typing a whole name ("Teacher", "PK") picks it,
 * and leaving the field after typing "univ" picks University rather than discarding the text.
 */
export function PickOne({ data, value, onChange, onBlur, id, ...props }: PickOneProps) {
  const generatedId = useId();
  const inputId = id ?? `pick-${generatedId.replaceAll(':', '')}`;
  const [opened, setOpened] = useState(false);

  useEffect(() => {
    // Mantine keeps the option list mounted and names it after the field's <label>, so a lookup by
    // label ("Type") finds two elements. The list gets a neutral name; the input keeps the label.
    const list = document.querySelector(`[role="listbox"][aria-labelledby="${inputId}-label"]`);
    if (list) {
      list.removeAttribute('aria-labelledby');
      list.setAttribute('aria-label', 'Choices');
    }
  });

  function pickTyped(typed: string) {
    if (!opened) return;
    const match = exactMatch(data, typed);
    if (match && match.value !== value) {
      onChange(match.value);
      setOpened(false);
    }
  }

  function commitTyped(event: FocusEvent<HTMLInputElement>) {
    const typed = event.currentTarget.value;
    const selected = data.find((o) => o.value === value);
    if (typed && typed !== selected?.label) {
      const match = bestMatch(data, typed);
      if (match && match.value !== value) onChange(match.value);
    }
    onBlur?.(event);
  }

  return (
    <Select
      searchable
      allowDeselect={false}
      maxDropdownHeight={280}
      nothingFoundMessage="No match"
      {...props}
      id={inputId}
      data={data}
      value={value ?? null}
      onChange={(next) => onChange(next)}
      filter={byLabelOrValue}
      onBlur={commitTyped}
      onSearchChange={pickTyped}
      dropdownOpened={opened}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      // Inline, so the option list exists when the effect above looks for it.
      comboboxProps={{ withinPortal: false }}
      // Chrome lets Tab stop on any scrollable box; the list follows the input in the page, so Tab
      // would land in the closing list and lose focus instead of reaching the next field.
      scrollAreaProps={{ viewportProps: { tabIndex: -1 } }}
    />
  );
}
