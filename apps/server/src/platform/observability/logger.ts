import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';
import { currentContext } from './context.ts';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token', 'refreshToken'],
    // Every line written while serving a request carries its id, user and institution.
    mixin() {
      const ctx = currentContext();
      if (!ctx) return {};
      return { reqId: ctx.requestId, userId: ctx.userId, institutionId: ctx.institutionId };
    },
  });
}
