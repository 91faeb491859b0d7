import { Loader, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../ui/problem.ts';
import { pushDeviceQuery, pushKeyQuery, settingsKeys } from './settings-queries.ts';
import { PushPermissionError, pushSupport, subscribeThisDevice, unsubscribeThisDevice } from './web-push.ts';

const SUPPORT_NOTES = {
  insecure: 'Push notifications need a secure (https) connection to this site.',
  unsupported: 'This browser cannot receive push notifications.',
} as const;

/** "Push notifications on this device": only where both the server and the browser can push. */
export function PushDeviceSwitch() {
  const key = useQuery(pushKeyQuery());
  const support = pushSupport();

  if (key.isPending) return <Loader size="sm" aria-label="Checking push notifications" />;
  if (key.isError) {
    return (
      <Text size="sm" c="red" role="alert">
        Could not check whether this server sends push notifications: {errorMessage(key.error)}
      </Text>
    );
  }
  if (!key.data.enabled || !key.data.publicKey) {
    return (
      <Text size="sm" c="dimmed" data-testid="push-unavailable">
        Push notifications are not set up on this server, so none are sent. Your push choices above are kept for when they are.
      </Text>
    );
  }
  if (support !== 'supported') {
    return (
      <Text size="sm" c="dimmed" data-testid="push-unavailable">
        {SUPPORT_NOTES[support]}
      </Text>
    );
  }
  return <DeviceSwitch publicKey={key.data.publicKey} />;
}

function DeviceSwitch({ publicKey }: { publicKey: string }) {
  const queryClient = useQueryClient();
  const device = useQuery(pushDeviceQuery());
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (on: boolean) => (on ? subscribeThisDevice(publicKey) : unsubscribeThisDevice()),
    onMutate: () => setProblem(null),
    onError: (error) =>
      setProblem(
        error instanceof PushPermissionError
          ? error.message
          : error instanceof DOMException
            ? `The browser could not subscribe: ${error.message}`
            : errorMessage(error),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.device() }),
  });
  const denied = Notification.permission === 'denied';

  return (
    <Switch
      label="Push notifications on this device"
      description={
        denied
          ? 'This browser blocks notifications from this site; allow them in its site settings to switch this on.'
          : 'Shows the categories with Push on here, even when this tab is closed.'
      }
      checked={Boolean(device.data)}
      disabled={device.isPending || change.isPending || (denied && !device.data)}
      onChange={(event) => change.mutate(event.currentTarget.checked)}
      error={problem}
      thumbIcon={change.isPending ? <Loader size={10} /> : undefined}
    />
  );
}
