// What one account may do to others per hour (guards.user(budget)): generous for a person, tight
// for a script. Reading is not budgeted; the per-address limit covers it.
import type { UserBudget } from '../../platform/http/guards.ts';

export const SOCIAL_BUDGETS = {
  post: { action: 'post', perHour: 60 },
  edit: { action: 'edit posts', perHour: 120 },
  comment: { action: 'comment', perHour: 200 },
  react: { action: 'react', perHour: 600 },
  report: { action: 'report', perHour: 30 },
  follow: { action: 'follow or mute people', perHour: 300 },
  connect: { action: 'send connection requests', perHour: 50 },
  image: { action: 'upload post images', perHour: 120 },
  // Each one may make the server fetch a page somewhere else.
  preview: { action: 'preview links', perHour: 300 },
  avatar: { action: 'change your picture', perHour: 30 },
} satisfies Record<string, UserBudget>;
