import { useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import { type ConnectionState, realtime } from './connection.ts';
import type { ServerEvents } from './events.ts';

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(realtime.subscribeState, realtime.getState);
}

/** Calls `handler` for every `event` the server pushes while the component is mounted. */
export function useSocketEvent<E extends keyof ServerEvents>(event: E, handler: (data: ServerEvents[E]) => void) {
  const onEvent = useEffectEvent(handler);
  useEffect(() => realtime.on(event, (data) => onEvent(data)), [event]);
}

/**
 * Calls `handler` after each connection that could not recover the previous one: pushes sent
 * before `since` were lost, so data fetched before then may be out of date.
 */
export function useResync(handler: (since: number) => void) {
  const onResync = useEffectEvent(handler);
  useEffect(() => realtime.onResync((since) => onResync(since)), []);
}

/**
 * Stays in `room` (such as `institution:<id>`) while mounted, joining again after a reconnection
 * that lost it. `onJoined` gets the time from which the room's pushes arrive. `position`, for rooms
 * ordered by sequence number (`conversation:<id>`), names the last one held: a rejoin catches up from it.
 */
export function useRoom(room: string | null, onJoined?: (since: number) => void, position?: () => string | null) {
  const joined = useEffectEvent((since: number) => onJoined?.(since));
  const where = useEffectEvent(() => position?.() ?? null);
  const sequenced = position !== undefined;
  useEffect(
    () => (room ? realtime.hold(room, (since) => joined(since), sequenced ? () => where() : undefined) : undefined),
    [room, sequenced],
  );
}
