import { Box, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import classes from './ConnectionStatus.module.css';
import type { ConnectionState } from './connection.ts';
import { useConnectionState } from './hooks.ts';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Live updates: connected',
  reconnecting: 'Live updates: reconnecting…',
  offline: 'Live updates: offline',
};

// Wide screens name a problem in words; a working connection is only a dot.
const SHORT: Record<ConnectionState, string | null> = {
  connected: null,
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function ConnectionStatus() {
  const state = useConnectionState();
  const short = SHORT[state];
  return (
    <Tooltip label={LABELS[state]} withArrow>
      <Box component="span" className={classes.root} data-state={state}>
        <span className={classes.dot} aria-hidden="true" />
        {short && (
          <Text span size="xs" c="dimmed" visibleFrom="md" aria-hidden="true">
            {short}
          </Text>
        )}
        <VisuallyHidden>{LABELS[state]}</VisuallyHidden>
      </Box>
    </Tooltip>
  );
}
