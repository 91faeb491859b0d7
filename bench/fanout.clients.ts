// The clients of a fan-out scenario, in a process of their own so the server is measured alone:
// `tsx bench/fanout.clients.ts <socketio|ws> <url> <token> <connections> <paced> <burst>`.
// Says `ready` once every connection is open, `paced-done` once each has every paced message, and
// `done` with the latencies (ms, message's send time to its arrival here) once each has the burst.
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { runAsChild, send } from './child.ts';
import { now } from './stats.ts';

type Broadcast = { phase: 'warmup' | 'paced' | 'burst'; sentAt: number };

const [kind, url = '', token, ...counts] = process.argv.slice(2);
const [connections = 0, paced = 0, burst = 0] = counts.map(Number);
const latencies = { paced: [] as number[], burst: [] as number[] };
let lastAt = 0;

function receive(message: Broadcast) {
  if (message.phase === 'warmup') return;
  lastAt = now();
  const list = latencies[message.phase];
  list.push(lastAt - message.sentAt);
  if (message.phase === 'paced' && list.length === connections * paced) void send({ type: 'paced-done' });
  if (message.phase === 'burst' && list.length === connections * burst) void send({ type: 'done', latencies, lastAt });
}

function open(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (kind === 'socketio') {
      // forceNew: one connection per socket, not sockets multiplexed over one shared connection.
      const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
      socket.on('bench', receive);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    } else {
      const socket = new WebSocket(url);
      socket.on('message', (data) => receive(JSON.parse(String(data)) as Broadcast));
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    }
  });
}

runAsChild(async () => {
  // In batches, as real clients trickle in; thousands of simultaneous handshakes would overflow the accept queue.
  for (let opened = 0; opened < connections; opened += 100) {
    await Promise.all(Array.from({ length: Math.min(100, connections - opened) }, open));
  }
  await send({ type: 'ready' });
  // Stays connected until the server process ends it.
  await new Promise(() => {});
});
