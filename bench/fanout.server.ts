// One fan-out scenario per process (`tsx bench/fanout.server.ts <ws|socketio|gateway> <connections>`): this
// process is the server, two client processes hold the connections. It measures its own memory
// before and after they connect, then PACED broadcasts at a steady pace (latency), then a burst of
// broadcasts back to back (throughput). Sends {type:'result'} to the runner.
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';
import { signedUpClient } from '../apps/server/src/testing/factories.ts';
import { startTestPlatform } from '../apps/server/src/testing/test-platform.ts';
import { forkBench, type Message, nextMessage, runAsChild, send } from './child.ts';
import { now, summarize } from './stats.ts';

const WARMUP = 20;
const PACED = 20;
// Paced broadcasts offer the same 10,000 deliveries/s at every size: latency under a steady load, not a backlog.
const DELIVERIES_PER_SECOND = 10_000;
// The burst is as many broadcasts as make 200,000 deliveries: the same work at every size, long enough to time.
const BURST_DELIVERIES = 200_000;
const CLIENT_PROCESSES = 2;

type Server = { url: string; token: string; broadcast(message: object): void; close(): Promise<unknown> };

/** The platform's gateway: every connection is the same signed-up user, so all are in its user room. */
async function gatewayServer(): Promise<Server> {
  const t = await startTestPlatform();
  const { client, id } = await signedUpClient(t);
  const gateway = t.platform.gateway();
  if (!gateway || !client.accessToken) throw new Error('the platform has no gateway or the user no token');
  return { url: t.url, token: client.accessToken, broadcast: (m) => gateway.toUser(id, 'bench', m), close: () => t.close() };
}

async function listening(http: HttpServer): Promise<number> {
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Socket.IO with its defaults (no authentication, no state recovery): what the protocol itself costs. */
async function socketIoServer(): Promise<Server> {
  const http = createServer();
  const io = new SocketIoServer(http, { serveClient: false });
  const port = await listening(http);
  return { url: `http://127.0.0.1:${port}`, token: '', broadcast: (m) => io.emit('bench', m), close: () => io.close() };
}

/** The ceiling: ws's own broadcast example, the message serialised once and sent to every client. */
async function wsServer(): Promise<Server> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const port = await listening(http);
  return {
    url: `ws://127.0.0.1:${port}`,
    token: '',
    broadcast(m) {
      const data = JSON.stringify(m);
      for (const client of wss.clients) client.send(data);
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(() => http.close(resolve)));
    },
  };
}

const servers: Record<string, () => Promise<Server>> = { ws: wsServer, socketio: socketIoServer, gateway: gatewayServer };

async function memory() {
  // Twice, then a pause: finalisers free more for the second collection, and V8 returns pages lazily.
  globalThis.gc?.();
  await sleep(300);
  globalThis.gc?.();
  await sleep(300);
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** KiB per connection, to a tenth. */
const kib = (bytes: number, connections: number) => Math.round((bytes / connections / 1024) * 10) / 10;

type Done = Message & { latencies: { paced: number[]; burst: number[] }; lastAt: number };

runAsChild(async () => {
  const kind = process.argv[2] ?? '';
  const connections = Number(process.argv[3] ?? 1000);
  const start = servers[kind];
  if (!start) throw new Error(`unknown server ${kind}; one of ${Object.keys(servers).join(', ')}`);
  const intervalMs = (connections / DELIVERIES_PER_SECOND) * 1000;
  const burst = Math.ceil(BURST_DELIVERIES / connections);
  const server = await start();
  const before = await memory();
  const share = Math.ceil(connections / CLIENT_PROCESSES);
  const children = Array.from({ length: CLIENT_PROCESSES }, () =>
    forkBench('fanout.clients.ts', [
      kind === 'ws' ? 'ws' : 'socketio',
      server.url,
      server.token,
      String(share),
      String(PACED),
      String(burst),
    ]),
  );
  try {
    await Promise.all(children.map((c) => nextMessage(c, 'ready')));
    // Warm-up (JIT, every connection's write path) before memory and latency are measured.
    for (let i = 0; i < WARMUP; i++) {
      server.broadcast({ phase: 'warmup', sentAt: now() });
      await sleep(intervalMs / 4);
    }
    const after = await memory();
    const pacedDone = children.map((c) => nextMessage(c, 'paced-done'));
    for (let i = 0; i < PACED; i++) {
      server.broadcast({ phase: 'paced', sentAt: now() });
      await sleep(intervalMs);
    }
    await Promise.all(pacedDone);
    const done = children.map((c) => nextMessage<Done>(c, 'done'));
    const burstStart = now();
    for (let i = 0; i < burst; i++) {
      server.broadcast({ phase: 'burst', sentAt: now() });
      // Each broadcast in a task of its own, as messages arriving from the event bus would be.
      await setImmediate();
    }
    const results = await Promise.all(done);
    const total = share * CLIENT_PROCESSES;
    await send({
      type: 'result',
      result: {
        connections: total,
        paced: { broadcasts: PACED, intervalMs, latency: summarize(results.flatMap((r) => r.latencies.paced)) },
        burst: {
          broadcasts: burst,
          perSecond: Math.round((total * burst) / ((Math.max(...results.map((r) => r.lastAt)) - burstStart) / 1000)),
          latency: summarize(results.flatMap((r) => r.latencies.burst)),
        },
        memoryPerConnection: { rssKb: kib(after.rss - before.rss, total), heapKb: kib(after.heapUsed - before.heapUsed, total) },
      },
    });
  } finally {
    for (const child of children) child.kill();
    await server.close();
  }
});
