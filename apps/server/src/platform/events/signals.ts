// Wake-ups: the relay when something was published, consumers when the log grew. In-process
// always; across processes through PostgreSQL LISTEN/NOTIFY. A slow poll covers anything missed.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../observability/logger.ts';

export const OUTBOX_CHANNEL = 'edumatrix_outbox';
export const LOG_CHANNEL = 'edumatrix_log';

/** One waiter's view of a channel: a signal sent while it was busy is not lost. */
export type SignalCursor = { wait(ms: number, abort: AbortSignal): Promise<void> };

export type Signals = {
  emitter: EventEmitter;
  cursor(channel: string): SignalCursor;
  close(): Promise<void>;
};

export async function createSignals(options: { databaseUrl?: string | undefined; log: Logger }): Promise<Signals> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const generation = new Map<string, number>();
  for (const channel of [OUTBOX_CHANNEL, LOG_CHANNEL]) {
    generation.set(channel, 0);
    emitter.on(channel, () => generation.set(channel, (generation.get(channel) ?? 0) + 1));
  }
  let listener: pg.Client | null = null;
  if (options.databaseUrl) {
    listener = new pg.Client({ connectionString: options.databaseUrl });
    listener.on('error', (err) => options.log.warn({ err: err.message }, 'event listener connection lost; polling until restart'));
    listener.on('notification', (msg) => emitter.emit(msg.channel));
    await listener.connect();
    await listener.query(`listen ${OUTBOX_CHANNEL}`);
    await listener.query(`listen ${LOG_CHANNEL}`);
  }
  return {
    emitter,
    cursor(channel) {
      let seen = generation.get(channel) ?? 0;
      return {
        wait(ms, abort) {
          const now = generation.get(channel) ?? 0;
          if (now !== seen || abort.aborted) {
            seen = now;
            return Promise.resolve();
          }
          return new Promise((resolve) => {
            const done = () => {
              seen = generation.get(channel) ?? 0;
              clearTimeout(timer);
              emitter.off(channel, done);
              abort.removeEventListener('abort', done);
              resolve();
            };
            const timer = setTimeout(done, ms);
            emitter.once(channel, done);
            abort.addEventListener('abort', done, { once: true });
          });
        },
      };
    },
    async close() {
      await listener?.end().catch(() => {});
    },
  };
}
