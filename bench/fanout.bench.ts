// WebSocket fan-out: the platform's Socket.IO gateway broadcasting to 1,000 and 5,000 clients,
// against a bare `ws` broadcast server measured in the same run with the same clients and messages.
// Bare Socket.IO sits between the two, to tell the protocol's cost from the gateway's own.
import { forkBench, type Message, nextMessage } from './child.ts';
import type { Row } from './report.ts';
import type { Latency } from './stats.ts';

type Measured = {
  connections: number;
  paced: { broadcasts: number; intervalMs: number; latency: Latency };
  burst: { broadcasts: number; perSecond: number; latency: Latency };
  memoryPerConnection: { rssKb: number; heapKb: number };
};

const SIZES = [1000, 5000];
const KINDS = [
  { name: 'ws', label: 'bare ws broadcast' },
  { name: 'socketio', label: 'bare Socket.IO' },
  { name: 'gateway', label: 'Socket.IO gateway' },
];

export async function benchFanout() {
  const measured: Record<string, Measured> = {};
  const rows: Row[] = [];
  for (const size of SIZES) {
    for (const kind of KINDS) {
      process.stdout.write(`fanout: ${kind.label} to ${size} clients...\n`);
      const child = forkBench('fanout.server.ts', [kind.name, String(size)]);
      measured[`${kind.name}-${size}`] = (await nextMessage<Message & { result: Measured }>(child, 'result')).result;
    }
    const ceiling = measured[`ws-${size}`] as Measured;
    for (const kind of KINDS) {
      const m = measured[`${kind.name}-${size}`] as Measured;
      rows.push({
        scenario: `${kind.label}, ${size.toLocaleString('en-US')} clients`,
        perSecond: m.burst.perSecond,
        ratio: m.burst.perSecond / ceiling.burst.perSecond,
        p50: m.paced.latency.p50,
        p99: m.paced.latency.p99,
        p99Ratio: m.paced.latency.p99 / ceiling.paced.latency.p99,
        memoryPerConnection: m.memoryPerConnection,
      });
    }
  }
  const title = 'WebSocket fan-out: burst of 200,000 deliveries (throughput), then latency at a steady 10,000 deliveries/s';
  return { title, rows, measured };
}
