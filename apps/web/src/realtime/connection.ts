import { io, type Socket } from 'socket.io-client';
import { client } from '../api.ts';
import { sessionStore } from '../auth/session-store.ts';
import type { ClientEvents, ServerEvents } from './events.ts';

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

type Listeners = { [E in keyof ServerEvents]: (data: ServerEvents[E]) => void };
type LiveSocket = Socket<Listeners, ClientEvents>;
type Handler = (data: never) => void;
/** Told the time from which pushes arrive again, after a (re)connection or join that missed some. */
type CatchUp = (since: number) => void;

// After this many failed attempts in a row the server is most likely unreachable: say so.
const FAILURES_BEFORE_OFFLINE = 3;
const ACK_TIMEOUT_MS = 10_000;
/** Pages of a sequence room's catch-up (100 messages each) before reloading is the better answer. */
const MAX_CATCH_UP_PAGES = 10;

/** The registered commands (`chat:send`, ...): their input and their acknowledgement. */
type CommandName = Exclude<keyof ClientEvents, 'catchup' | 'subscribe' | 'unsubscribe' | 'typing'>;
type CommandInput<C extends CommandName> = ClientEvents[C] extends (input: infer I, ack: never) => void ? I : never;
type CommandAck<C extends CommandName> = ClientEvents[C] extends (input: never, ack: (reply: infer R) => void) => void ? R : never;

/** Thrown by `emitWithAck` when there is no connection to send on: the caller falls back to HTTP. */
export class NotConnectedError extends Error {
  constructor() {
    super('Live connection is not open');
  }
}

let socket: LiveSocket | null = null;
let userId: string | null = null;
let state: ConnectionState = 'offline';
let failures = 0;
let refusals = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** When this socket was opened, until its first connection. */
let openedAt: number | null = null;

const stateListeners = new Set<() => void>();
const handlers = new Map<string, Set<Handler>>();
const resyncs = new Set<CatchUp>();
/** Rooms the page wants, with who to tell when joined; a room stays while anyone wants it. */
const wanted = new Map<string, Set<CatchUp>>();
/** Rooms the server has confirmed for the current connection. */
const joined = new Set<string>();
/** The newest event pushed to each held room: after a gap too long to recover, we ask from there. */
const lastEventIds = new Map<string, string>();
/**
 * Rooms whose pushes carry no event id (conversations, ordered by sequence number): the page says
 * where it is, from what it holds, and catch-up asks from there.
 */
const positions = new Map<string, () => string | null>();

function update() {
  let next: ConnectionState = 'reconnecting';
  if (!socket) next = 'offline';
  else if (socket.connected) next = 'connected';
  else if (!navigator.onLine || failures >= FAILURES_BEFORE_OFFLINE) next = 'offline';
  if (next === state) return;
  state = next;
  for (const listener of stateListeners) listener();
}

/** Same curve as the socket's own reconnection, for the cases it leaves to us (refused handshakes). */
function backoff(attempt: number): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempt - 1), 30_000);
  return base * (0.5 + Math.random());
}

function retry(delay: number) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => socket?.connect(), delay);
}

async function join(room: string) {
  const current = socket;
  if (!current?.connected) return;
  // Pushes to the room reach us from about now; data loaded before now may have missed some.
  const since = Date.now();
  try {
    const reply = await current.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', room);
    if (current !== socket || !reply.ok) return;
    const watchers = wanted.get(room);
    // Left while the request was under way: the server may have handled the leave first.
    if (!watchers) {
      current.emit('unsubscribe', room);
      return;
    }
    joined.add(room);
    const after = positions.get(room)?.() ?? lastEventIds.get(room);
    if (after && (await catchUp(current, room, after))) return;
    for (const onJoined of watchers) onJoined(since);
  } catch {
    // No answer in time: the next reconnection asks again.
  }
}

/** Replays what `room` missed since event `after`; false when the server cannot (the page reloads data instead). */
async function catchUp(current: LiveSocket, room: string, after: string): Promise<boolean> {
  try {
    let from = after;
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
      const reply = await current.timeout(ACK_TIMEOUT_MS).emitWithAck('catchup', { room, after: from });
      if (!reply.ok) return false;
      for (const message of reply.messages) dispatch(message.event, message.data);
      if (reply.complete) return true;
      // An event room's incomplete answer means "too old": reload. A sequence room pages on from
      // where the page now is, which the replayed messages just moved.
      const next = positions.get(room)?.();
      if (!next || next === from) return false;
      from = next;
    }
    return false;
  } catch {
    return false;
  }
}

function reconcile() {
  if (!socket?.connected) return;
  for (const room of joined) {
    if (wanted.has(room)) continue;
    socket.emit('unsubscribe', room);
    joined.delete(room);
  }
  for (const room of wanted.keys()) if (!joined.has(room)) void join(room);
}

function dispatch(event: string, data: unknown) {
  const push = data as { room?: unknown; eventId?: unknown } | null;
  if (typeof push?.room === 'string' && typeof push.eventId === 'string' && wanted.has(push.room)) {
    lastEventIds.set(push.room, push.eventId);
  }
  for (const handler of handlers.get(event) ?? []) (handler as (data: unknown) => void)(data);
}

function open() {
  const created: LiveSocket = io({
    path: '/socket.io',
    // A function, so every reconnection presents the token the client holds at that moment.
    auth: (cb) => cb({ token: client.accessToken }),
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
  });
  socket = created;
  openedAt = Date.now();

  created.on('connect', () => {
    failures = 0;
    refusals = 0;
    clearTimeout(retryTimer);
    update();
    if (!created.recovered) {
      // A new session on the server: no rooms but the user's own, and whatever was pushed meanwhile is lost.
      // The first connection counts from the opening, so what the page loaded alongside it stands.
      joined.clear();
      const since = openedAt ?? Date.now();
      for (const resync of resyncs) resync(since);
    }
    openedAt = null;
    reconcile();
  });

  created.on('disconnect', (reason) => {
    update();
    // The server ended this connection on purpose; the socket will not come back by itself.
    if (reason === 'io server disconnect') retry(backoff(1));
  });

  created.on('connect_error', (err) => {
    failures += 1;
    update();
    // A network failure: the socket retries by itself, with its backoff.
    if (created.active) return;
    const code = (err as Error & { data?: { code?: string } }).data?.code;
    if (code === 'auth.session_revoked') {
      void client.auth.logout().catch(() => {});
      return;
    }
    refusals += 1;
    const delay = refusals === 1 ? 0 : backoff(refusals - 1);
    if (code?.startsWith('auth.')) {
      // A failed refresh signs the client out, which closes this socket.
      client.auth.refresh().then(
        () => retry(delay),
        () => {},
      );
    } else {
      retry(backoff(refusals));
    }
  });

  created.onAny(dispatch);
  update();
}

function close() {
  clearTimeout(retryTimer);
  if (socket) {
    socket.removeAllListeners();
    socket.offAny();
    socket.disconnect();
  }
  socket = null;
  openedAt = null;
  failures = 0;
  refusals = 0;
  joined.clear();
  update();
}

function sync() {
  const session = sessionStore.get();
  const next = session.status === 'signedIn' ? session.user.id : null;
  // Refreshed tokens re-announce the same user; only a change of person matters here.
  if (next === userId) return;
  close();
  userId = next;
  if (next) open();
}

/**
 * The browser says the network is gone: the connection is dead or soon will be, and may drop pushes
 * without telling. Dropped now, it reconnects when the network is back and the rooms catch up.
 */
function offline() {
  socket?.io.engine?.close();
  update();
}

/** Back on the network: try now rather than when the backoff, grown while offline, says so. */
function online() {
  if (socket && !socket.connected) {
    failures = 0;
    clearTimeout(retryTimer);
    socket.disconnect().connect();
  }
  update();
}

let started = false;

/** One socket per tab, open while someone is signed in. */
export function startRealtime() {
  if (started) return;
  started = true;
  sessionStore.subscribe(sync);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  sync();
}

export const realtime = {
  getState: (): ConnectionState => state,
  subscribeState(listener: () => void) {
    stateListeners.add(listener);
    return () => {
      stateListeners.delete(listener);
    };
  },

  on<E extends keyof ServerEvents>(event: E, handler: (data: ServerEvents[E]) => void) {
    const set = handlers.get(event) ?? new Set<Handler>();
    handlers.set(event, set);
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  },

  /** Called after every connection that starts afresh (not after a recovered one). */
  onResync(handler: CatchUp) {
    resyncs.add(handler);
    return () => {
      resyncs.delete(handler);
    };
  },

  /**
   * Sends a registered command and resolves with its acknowledgement (which may say why it failed).
   * Rejects with NotConnectedError when not connected, or when no answer comes: then the caller
   * does not know whether it happened, and retries idempotently (over HTTP, say).
   */
  emitWithAck<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandAck<C>> {
    const current = socket;
    // Not queued for later: socket.io would send it on reconnection, long after the caller moved on.
    if (!current?.connected) return Promise.reject(new NotConnectedError());
    // The generic command name is more than socket.io's typings can follow; the types above hold the contract.
    const timed = current.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(name: string, input: unknown): Promise<CommandAck<C>> };
    // It rejects only when no answer came (timed out, or the connection closed first); the server's
    // refusals are answers.
    return timed.emitWithAck(command, input).catch(() => {
      throw new NotConnectedError();
    });
  },

  /** An ephemeral signal to a joined room's other members (typing); dropped when not connected. */
  typing(room: string, typing: boolean) {
    if (socket?.connected && joined.has(room)) socket.emit('typing', { room, typing });
  },

  /**
   * Joins `room` while at least one caller holds it; returns the release. `position` gives, for rooms
   * ordered by sequence number, the last one the page holds: catch-up after a gap asks from there.
   */
  hold(room: string, onJoined: CatchUp, position?: () => string | null) {
    if (position) positions.set(room, position);
    const first = !wanted.has(room);
    const watchers = wanted.get(room) ?? new Set<CatchUp>();
    wanted.set(room, watchers);
    watchers.add(onJoined);
    if (first) void join(room);
    return () => {
      watchers.delete(onJoined);
      if (watchers.size > 0 || wanted.get(room) !== watchers) return;
      wanted.delete(room);
      // Coming back later starts afresh: the page loads what it shows then.
      lastEventIds.delete(room);
      positions.delete(room);
      if (socket?.connected) {
        socket.emit('unsubscribe', room);
        joined.delete(room);
      }
    };
  },
};
