// Signed-out sessions lose their live connections at once (a p0 event, on every process).
import type { Consumer } from '../../platform/events/consumer.ts';

export function liveSessionsConsumer(disconnect: (room: string) => void): Consumer {
  return {
    group: 'realtime.sessions',
    types: ['identity.sessions_revoked'],
    async handle() {},
    afterCommit(event) {
      for (const sessionId of (event.payload as { sessionIds: string[] }).sessionIds) disconnect(`session:${sessionId}`);
    },
  };
}
