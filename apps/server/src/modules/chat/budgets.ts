// What one account may do in chat per hour over HTTP (guards.user(budget)); the socket has its
// own per-connection limit on every event.
import type { UserBudget } from '../../platform/http/guards.ts';

export const CHAT_BUDGETS = {
  send: { action: 'send messages', perHour: 1200 },
  start: { action: 'start conversations', perHour: 200 },
  upload: { action: 'upload files', perHour: 300 },
} satisfies Record<string, UserBudget>;
