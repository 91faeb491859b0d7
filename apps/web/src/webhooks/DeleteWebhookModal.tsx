import type { Webhook } from '@edumatrix/contracts';
import { Button, Group, Modal, Text } from '@mantine/core';

type Props = { webhook: Webhook; opened: boolean; deleting: boolean; onConfirm: () => void; onClose: () => void };

export function DeleteWebhookModal({ webhook, opened, deleting, onConfirm, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Delete endpoint?" centered>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        <strong>{webhook.url}</strong> will stop receiving events, and its delivery log is deleted with it. This cannot be undone.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" loading={deleting} onClick={onConfirm}>
          Delete endpoint
        </Button>
      </Group>
    </Modal>
  );
}
