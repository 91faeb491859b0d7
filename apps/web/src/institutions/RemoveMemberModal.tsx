import type { Member } from '@edumatrix/contracts';
import { Button, Group, Modal, Text } from '@mantine/core';

type Props = {
  member: Member | null;
  institutionName: string;
  removing: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

export function RemoveMemberModal({ member, institutionName, removing, onConfirm, onClose }: Props) {
  return (
    <Modal opened={member !== null} onClose={onClose} title="Remove member?" centered>
      {member && (
        <>
          <Text size="sm">
            <strong>{member.displayName}</strong> ({member.email}) will lose access to {institutionName}. You can invite them again later.
          </Text>
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={removing} onClick={onConfirm}>
              Remove member
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
