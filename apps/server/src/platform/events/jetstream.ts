// The NATS JetStream adapter: one stream per priority lane, one durable pull consumer per consumer
// group and lane, explicit acks (unacked messages are redelivered). The relay publishes committed
// outbox rows here; lane loops fetch from here instead of reading the PostgreSQL log.
import { type EventEnvelope, PRIORITIES, type Priority } from '@edumatrix/contracts';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { toEnvelope } from './envelope.ts';
import type { LogRow } from './relay.ts';

const durableName = (group: string) => group.replace(/[^\w-]/g, '_');

export type JetStreamLane = {
  /** Yields messages as they arrive for up to ~1 s; each must be acked after it took effect. */
  fetch(max: number): AsyncIterable<{ event: EventEnvelope; ack(): void }>;
};

export type JetStreamBus = {
  publish(rows: LogRow[]): Promise<void>;
  lane(group: string, lane: Priority): Promise<JetStreamLane>;
  /** Messages not yet acked, per consumer group and lane (consumer lag on this adapter). */
  pending(): Promise<{ group: string; lane: Priority; pending: number }[]>;
};

export async function createJetStreamBus(nc: NatsConnection, namespace: string): Promise<JetStreamBus> {
  const streamName = (lane: Priority) => `${namespace.toUpperCase()}_${lane.toUpperCase()}`;
  const subject = (lane: string, type: string) => `${namespace}.${lane}.${type}`;
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  for (const lane of PRIORITIES) {
    const name = streamName(lane);
    try {
      await jsm.streams.info(name);
    } catch {
      await jsm.streams.add({ name, subjects: [`${namespace}.${lane}.>`], duplicate_window: 120_000_000_000 });
    }
  }
  return {
    async pending() {
      const result: { group: string; lane: Priority; pending: number }[] = [];
      for (const lane of PRIORITIES) {
        for await (const info of jsm.consumers.list(streamName(lane))) {
          result.push({ group: info.config.description ?? info.name, lane, pending: info.num_pending + info.num_ack_pending });
        }
      }
      return result;
    },
    async publish(rows) {
      await Promise.all(rows.map((row) => js.publish(subject(row.priority, row.type), JSON.stringify(toEnvelope(row)), { msgID: row.id })));
    },
    // The whole lane, not a subject filter per type: several filters need NATS 2.10, and Debian ships
    // 2.9. The lane loop skips (and acks) the types a group does not subscribe to, as on the log.
    async lane(group, lane) {
      const durable = durableName(group);
      try {
        await jsm.consumers.info(streamName(lane), durable);
      } catch {
        await jsm.consumers.add(streamName(lane), {
          durable_name: durable,
          description: group,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ack_wait: 30_000_000_000,
        });
      }
      const consumer = await js.consumers.get(streamName(lane), durable);
      return {
        async *fetch(max) {
          const messages = await consumer.fetch({ max_messages: max, expires: 1000 });
          for await (const m of messages) yield { event: m.json<EventEnvelope>(), ack: () => m.ack() };
        },
      };
    },
  };
}
