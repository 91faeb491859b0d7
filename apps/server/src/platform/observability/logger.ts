import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';
import { currentContext } from './context.ts';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token', 'refreshToken'],
    // Every line written while serving a request carries its id, user and institution.
    // Fastify's request loggers already bind reqId; other loggers get it from the context.
    mixin(_merge, _level, logger) {
      const ctx = currentContext();
      if (!ctx) return {};
      const bound = 'reqId' in logger.bindings();
      return { ...(bound ? {} : { reqId: ctx.requestId }), userId: ctx.userId, institutionId: ctx.institutionId };
    },
  });
}
