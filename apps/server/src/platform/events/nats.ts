// The NATS connection of a cluster deployment (NATS_URL), for the event bus. It connects in the
// background and keeps reconnecting, so a NATS outage makes the process unready, not dead.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../observability/logger.ts';

export type NatsLink = { connection(): NatsConnection | null; check(): Promise<void>; close(): Promise<void> };

export function connectNats(url: string, log: Logger): NatsLink {
  let nc: NatsConnection | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const attempt = async () => {
    try {
      const connection = await connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 1000, timeout: 2000 });
      if (closed) {
        await connection.close();
        return;
      }
      nc = connection;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'nats not reachable; retrying');
      if (!closed) retry = setTimeout(() => void attempt(), 1000);
    }
  };
  void attempt();

  return {
    connection: () => nc,
    async check() {
      if (!nc) throw new Error('not connected');
      if (nc.isClosed()) throw new Error('connection closed');
      await nc.flush();
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await nc?.drain().catch(() => {});
    },
  };
}
