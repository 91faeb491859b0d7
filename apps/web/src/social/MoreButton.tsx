// The "⋯" button that opens a card's menu; forwards its ref so Mantine's Menu can anchor to it.
import { ActionIcon } from '@mantine/core';
import { forwardRef } from 'react';

export const MoreButton = forwardRef<HTMLButtonElement, { label: string }>(function MoreButton({ label, ...rest }, ref) {
  return (
    <ActionIcon ref={ref} variant="subtle" color="gray" aria-label={label} {...rest}>
      <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
        <circle cx="5" cy="12" r="2" />
        <circle cx="12" cy="12" r="2" />
        <circle cx="19" cy="12" r="2" />
      </svg>
    </ActionIcon>
  );
});
