// The real-time gateway: Socket.IO on the server's own HTTP port (path /socket.io), authenticated
// at handshake with the access token. Every socket is in its user's room; other rooms are joined
// on request, after the room kind's authoriser agrees. Modules push to users and rooms through it.
import type { Server as HttpServer } from 'node:http';
import type { CatchUpReply, RoomReply, ServerEvents } from '@edumatrix/contracts';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { AccessTokens, AuthUser } from '../auth/access-tokens.ts';
import { AppError } from '../http/app-error.ts';
import { isUuid } from '../http/cursor.ts';
import type { SessionChecker } from '../http/guards.ts';
import type { Logger } from '../observability/logger.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';
import type { PresenceStore } from './presence.ts';

/** Decides whether `user` may join room `<kind>:<id>`; throws an AppError when not. */
export type RoomAuthoriser = (user: AuthUser, id: string) => Promise<void>;

/** The pushes a room received after event `after`, oldest first (see CatchUpReply). */
export type RoomCatchUp = (
  id: string,
  after: string,
  limit: number,
) => Promise<{ messages: { event: keyof ServerEvents; data: ServerEvents[keyof ServerEvents] }[]; complete: boolean }>;

/**
 * A client→server command (`socket.emit(name, input, ack)`): runs as `user`, answers what the ack
 * carries besides `ok: true`; throwing an AppError acks `{ ok: false, code, detail, errors? }`.
 */
export type CommandHandler = (user: AuthUser, input: unknown) => Promise<Record<string, unknown> | undefined>;

/** What a room kind's catch-up `after` names: an event id (the event log) or a sequence number (its own order). */
export type CatchUpCursor = 'event' | 'sequence';

type Ack = (result: RoomReply) => void;

/** Most pushes a catch-up answers; a longer gap is better served by reloading. */
const CATCH_UP_LIMIT = 100;

export type Gateway = {
  io: Server;
  registerRoomKind(kind: string, authorise: RoomAuthoriser, catchUp?: RoomCatchUp, cursor?: CatchUpCursor): void;
  /** Adds a command; names are `area:verb` so they never clash with the gateway's own events. */
  registerCommand(name: string, handler: CommandHandler): void;
  toUser(userId: string, event: string, data: unknown): void;
  /** Several rooms in one emit: a socket in more than one of them gets the event once. */
  toRoom(room: string | string[], event: string, data: unknown): void;
  /** Makes every socket in `from` leave `room` (on every process). */
  leave(from: string, room: string): void;
  /** Disconnects every socket in `room` (on every process). */
  disconnect(room: string): void;
  close(): Promise<void>;
};

export type GatewayOptions = {
  httpServer: HttpServer;
  tokens: AccessTokens;
  sessions: SessionChecker;
  limiter: RateLimiter;
  log: Logger;
  /** Client-sent events allowed per socket, and per institution (its rooms), per 10 seconds. */
  socketEventsPer10s: number;
  institutionSocketEventsPer10s: number;
  /** Cluster mode: rooms shared by every process (the Redis streams adapter). */
  adapter?: ServerOptions['adapter'];
  presence: PresenceStore;
  /** How often this process re-marks its connected users online (below the presence TTL). */
  presenceHeartbeatMs: number;
};

const failure = (err: unknown) =>
  err instanceof AppError
    ? { ok: false as const, code: err.code, detail: err.message, ...(err.extra.fields ? { errors: err.extra.fields } : {}) }
    : { ok: false as const, code: 'internal', detail: 'Something went wrong' };

const COMMAND_NAME = /^[a-z]+:[a-z_]+$/;

export function createGateway(options: GatewayOptions): Gateway {
  const io = new Server(options.httpServer, {
    path: '/socket.io',
    serveClient: false,
    pingInterval: 30_000,
    pingTimeout: 5_000,
    // A client back within two minutes gets the events it missed and its rooms back.
    connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false },
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const kinds = new Map<string, RoomAuthoriser>();
  const catchUps = new Map<string, { catchUp: RoomCatchUp; cursor: CatchUpCursor }>();
  const commands = new Map<string, CommandHandler>();
  kinds.set('user', async (user, id) => {
    if (id !== user.id) throw new AppError('forbidden', 'realtime.room_forbidden', 'You can only join your own user room');
  });

  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    try {
      if (typeof token !== 'string' || !token)
        throw new AppError('unauthenticated', 'auth.required', 'Send the access token as auth.token');
      const user = await options.tokens.verify(token);
      if (!(await options.sessions.isSessionActive(user.sessionId))) {
        throw new AppError('unauthenticated', 'auth.session_revoked', 'This session has been signed out');
      }
      socket.data.user = user;
      next();
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('unauthenticated', 'auth.invalid_token', 'The access token is not valid');
      next(Object.assign(new Error(e.code), { data: { code: e.code, detail: e.message } }));
    }
  });

  /** Per socket always; per institution too when the event concerns one of its rooms. */
  async function allowed(socket: Socket, room?: string): Promise<boolean> {
    const limit = await options.limiter.hit(`socket:${socket.id}`, options.socketEventsPer10s, 10);
    if (!limit.allowed) return false;
    if (!room?.startsWith('institution:')) return true;
    return (await options.limiter.hit(`socket-institution:${room.slice('institution:'.length)}`, options.institutionSocketEventsPer10s, 10))
      .allowed;
  }

  // Sockets per user on this process: the user is offline here when the last one closes.
  const local = new Map<string, number>();
  const heartbeat = setInterval(() => void options.presence.touch([...local.keys()]).catch(() => {}), options.presenceHeartbeatMs);
  heartbeat.unref();

  io.on('connection', (socket) => {
    const user = socket.data.user as AuthUser;
    void socket.join([`user:${user.id}`, `session:${user.sessionId}`]);
    local.set(user.id, (local.get(user.id) ?? 0) + 1);
    void options.presence.touch([user.id]).catch(() => {});
    socket.on('disconnect', () => {
      const left = (local.get(user.id) ?? 1) - 1;
      if (left > 0) {
        local.set(user.id, left);
        return;
      }
      local.delete(user.id);
      void options.presence.leave(user.id).catch(() => {});
    });

    // Ephemeral: typing indicators go to the other sockets of a room this socket has joined.
    socket.on('typing', async (input: unknown) => {
      const { room, typing } = (input ?? {}) as { room?: unknown; typing?: unknown };
      if (typeof room !== 'string' || !socket.rooms.has(room) || room.startsWith('user:') || room.startsWith('session:')) return;
      if (!(await allowed(socket, room))) return;
      socket.to(room).emit('typing', { room, userId: user.id, typing: typing !== false });
    });

    socket.on('subscribe', async (room: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      try {
        if (!(await allowed(socket, typeof room === 'string' ? room : undefined))) {
          throw new AppError('rate_limited', 'realtime.rate_limited', 'Too many requests on this connection or for this institution');
        }
        if (typeof room !== 'string' || !/^[a-z]+:[\w-]{1,100}$/.test(room)) {
          throw new AppError('invalid', 'realtime.bad_room', 'A room is named kind:id, such as institution:<id>');
        }
        const [kind, id] = room.split(':') as [string, string];
        const authorise = kinds.get(kind);
        if (!authorise) throw new AppError('not_found', 'realtime.unknown_room_kind', `There are no ${kind} rooms`);
        await authorise(user, id);
        await socket.join(room);
        reply({ ok: true });
      } catch (err) {
        reply(failure(err));
      }
    });

    socket.on('catchup', async (input: unknown, ack?: (reply: CatchUpReply) => void) => {
      if (typeof ack !== 'function') return;
      const { room, after } = (input ?? {}) as { room?: unknown; after?: unknown };
      try {
        if (!(await allowed(socket, typeof room === 'string' ? room : undefined))) {
          throw new AppError('rate_limited', 'realtime.rate_limited', 'Too many requests on this connection or for this institution');
        }
        if (typeof room !== 'string' || typeof after !== 'string') {
          throw new AppError(
            'invalid',
            'realtime.bad_catchup',
            'Send { room, after: <the last event id or sequence number you received> }',
          );
        }
        // Joining checked the user may see the room; catching up asks no more than that.
        if (!socket.rooms.has(room)) throw new AppError('forbidden', 'realtime.not_subscribed', 'Subscribe to the room first');
        const [kind, id] = room.split(':') as [string, string];
        const entry = catchUps.get(kind);
        if (!entry) throw new AppError('not_found', 'realtime.no_catchup', `${kind} rooms keep no history`);
        if (entry.cursor === 'event' ? !isUuid(after) : !/^\d{1,15}$/.test(after)) {
          const what = entry.cursor === 'event' ? 'the id of the last event' : 'the sequence number of the last message';
          throw new AppError('invalid', 'realtime.bad_catchup', `Send { room, after: <${what} you received> }`);
        }
        ack({ ok: true, ...(await entry.catchUp(id, after, CATCH_UP_LIMIT)) });
      } catch (err) {
        ack(failure(err));
      }
    });

    // Registered commands: rate limited like every client event, acked once the handler is done.
    socket.onAny(async (name: string, ...args: unknown[]) => {
      const handler = commands.get(name);
      if (!handler) return;
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (reply: unknown) => void) : () => {};
      try {
        if (!(await allowed(socket))) throw new AppError('rate_limited', 'realtime.rate_limited', 'Too many requests on this connection');
        ack({ ok: true, ...(await handler(user, typeof args[0] === 'function' ? undefined : args[0])) });
      } catch (err) {
        if (!(err instanceof AppError)) options.log.error({ err, command: name }, 'socket command failed');
        ack(failure(err));
      }
    });

    socket.on('unsubscribe', async (room: unknown, ack?: Ack) => {
      if (typeof room === 'string' && !room.startsWith('user:') && !room.startsWith('session:')) await socket.leave(room);
      if (typeof ack === 'function') ack({ ok: true });
    });
  });

  return {
    io,
    registerRoomKind(kind, authorise, catchUp, cursor = 'event') {
      kinds.set(kind, authorise);
      if (catchUp) catchUps.set(kind, { catchUp, cursor });
    },
    registerCommand(name, handler) {
      if (!COMMAND_NAME.test(name) || commands.has(name)) throw new Error(`invalid or duplicate socket command ${name}`);
      commands.set(name, handler);
    },
    toUser(userId, event, data) {
      io.to(`user:${userId}`).emit(event, data);
    },
    toRoom(room, event, data) {
      io.to(room).emit(event, data);
    },
    leave(from, room) {
      io.in(from).socketsLeave(room);
    },
    disconnect(room) {
      io.in(room).disconnectSockets(true);
    },
    async close() {
      clearInterval(heartbeat);
      // Upgraded connections would keep the HTTP server from closing.
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
