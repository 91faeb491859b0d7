// Helpers for the chat integration tests: signed-up people, sockets, and waiting for pushes.
import type { ApiClient } from '@edumatrix/client';
import { io as connect, type Socket } from 'socket.io-client';
import { signedUpClient } from '../../testing/factories.ts';
import type { TestPlatform } from '../../testing/test-platform.ts';

export type Person = { client: ApiClient; id: string; email: string };

/** One signed-up person per name, in order. */
export const people = <const N extends string[]>(t: TestPlatform, ...names: N) =>
  Promise.all(names.map((n) => signedUpClient(t, n))) as Promise<{ [K in keyof N]: Person }>;

export function openSocket(t: TestPlatform, person: Person, sockets: Socket[]): Socket {
  const socket = connect(t.url, {
    path: '/socket.io',
    auth: { token: person.client.accessToken },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

/** Everything `socket` receives as `event`, in arrival order. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (data: T) => seen.push(data));
  return seen;
}

export const subscribe = (socket: Socket, room: string) => socket.emitWithAck('subscribe', room) as Promise<{ ok: boolean; code?: string }>;

export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

let n = 0;
export const clientId = () => `c-${Date.now()}-${n++}`;
