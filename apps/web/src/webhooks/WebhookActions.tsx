import type { Webhook } from '@edumatrix/contracts';
import { Button, Group, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { client } from '../api.ts';
import { notifyError, notifySuccess } from '../ui/problem.ts';
import { DeleteWebhookModal } from './DeleteWebhookModal.tsx';
import { webhookKeys } from './queries.ts';
import { RotateSecretModal } from './RotateSecretModal.tsx';

type Props = {
  institutionId: string;
  webhook: Webhook;
  onDeleted?: () => void;
  /** Extra buttons placed first (the list's link to the log). */
  children?: ReactNode;
};

export function WebhookActions({ institutionId, webhook, onDeleted, children }: Props) {
  const queryClient = useQueryClient();
  const [rotating, rotateModal] = useDisclosure(false);
  const [deleting, deleteModal] = useDisclosure(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all(institutionId) });
  // Screen readers hear which endpoint a button acts on; the cards repeat the same labels.
  const which = <VisuallyHidden> for {webhook.url}</VisuallyHidden>;

  const ping = useMutation({
    mutationFn: () => client.webhooks.ping(institutionId, webhook.id),
    onSuccess: () => notifySuccess('A test delivery is on its way. Its result shows in the delivery log.', 'Test sent'),
    onError: (error) => notifyError(error, 'Could not send the test'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(institutionId, webhook.id) }),
  });

  const toggle = useMutation({
    mutationFn: (enabled: boolean) => client.webhooks.update(institutionId, webhook.id, { enabled }),
    onSuccess: (updated) =>
      notifySuccess(
        updated.enabled ? 'Events are sent to this endpoint again.' : 'No events are sent to this endpoint until you enable it.',
      ),
    onError: (error) => notifyError(error, 'Could not change the endpoint'),
    onSettled: refresh,
  });

  const remove = useMutation({
    mutationFn: () => client.webhooks.remove(institutionId, webhook.id),
    onSuccess: () => {
      notifySuccess('The endpoint was deleted.');
      deleteModal.close();
      onDeleted?.();
      // After the detail page has gone: removed under it, its queries would ask for the deleted endpoint.
      setTimeout(() => queryClient.removeQueries({ queryKey: webhookKeys.one(institutionId, webhook.id) }), 0);
    },
    onError: (error) => notifyError(error, 'Could not delete the endpoint'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(institutionId) }),
  });

  return (
    <>
      <Group gap="xs">
        {children}
        <Button size="xs" variant="light" loading={ping.isPending} disabled={!webhook.enabled} onClick={() => ping.mutate()}>
          Send test{which}
        </Button>
        <Button size="xs" variant="default" loading={toggle.isPending} onClick={() => toggle.mutate(!webhook.enabled)}>
          {webhook.enabled ? 'Disable' : 'Enable'}
          {which}
        </Button>
        <Button size="xs" variant="default" onClick={rotateModal.open}>
          Rotate secret{which}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={deleteModal.open}>
          Delete{which}
        </Button>
      </Group>
      <RotateSecretModal institutionId={institutionId} webhook={webhook} opened={rotating} onClose={rotateModal.close} />
      <DeleteWebhookModal
        webhook={webhook}
        opened={deleting}
        deleting={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={deleteModal.close}
      />
    </>
  );
}
