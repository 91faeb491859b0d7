import { Button, Group, Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { FormAlert } from './FormAlert.tsx';

/** The foot of a form: what went wrong (if anything), then Cancel and the submit button. */
export function FormActions({
  error,
  onCancel,
  submitting,
  children,
}: {
  error: string | null | undefined;
  onCancel: () => void;
  submitting: boolean;
  /** The submit button's label. */
  children: ReactNode;
}) {
  return (
    <>
      <FormAlert message={error ?? null} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={submitting}>
          {children}
        </Button>
      </Group>
    </>
  );
}

/** Phone widths, where long forms open full screen. */
export const usePhone = () => useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });

/** A dialog that takes the whole screen on a phone, where a centred box leaves no room to work. */
export function ResponsiveModal(props: ModalProps) {
  return <Modal {...props} fullScreen={usePhone()} />;
}
