import type { Webhook } from '@edumatrix/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage } from '../ui/problem.ts';
import { SecretReveal } from './SecretReveal.tsx';

type Props = { institutionId: string; webhook: Webhook; opened: boolean; onClose: () => void };

/** Asks first, then shows the new secret in the same dialog: it exists only in this answer. */
export function RotateSecretModal({ institutionId, webhook, opened, onClose }: Props) {
  const rotate = useMutation({ mutationFn: () => client.webhooks.rotateSecret(institutionId, webhook.id) });
  const close = () => {
    onClose();
    // Forgotten on close, so reopening asks again rather than showing an old secret.
    rotate.reset();
  };

  return (
    <Modal opened={opened} onClose={close} title={rotate.data ? 'Secret rotated' : 'Rotate signing secret?'} centered size="lg">
      {rotate.data ? (
        <Stack>
          <SecretReveal title="New signing secret" secret={rotate.data.secret} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">
            Deliveries are signed with a new secret from now on, and signatures made with the old one stop verifying. Update your receiver
            right after rotating.
          </Text>
          <FormAlert message={rotate.isError ? errorMessage(rotate.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="orange" loading={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate secret
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
