// Which category a notification kind belongs to, and each category's default channels. People
// switch channels per category, not per kind: kinds are many and change as modules grow (social
// and chat add theirs), so unknown kinds are matched by module and wording, then fall back to `other`.
import type { ChannelSwitches, NotificationCategory, NotificationChannel } from '@edumatrix/contracts';

type CategoryInfo = { label: string; defaults: ChannelSwitches; locked: NotificationChannel[]; bypassesQuietHours?: boolean };

const on = (in_app: boolean, email: boolean, push: boolean): ChannelSwitches => ({ in_app, email, push });

/** The documented list (README "Notifications"): label, defaults, and what cannot be switched off. */
export const CATEGORIES: Record<NotificationCategory, CategoryInfo> = {
  social_connections: { label: 'Followers and connections', defaults: on(true, false, true), locked: [] },
  social_mentions: { label: 'Mentions', defaults: on(true, true, true), locked: [] },
  social_comments: { label: 'Comments and replies', defaults: on(true, false, true), locked: [] },
  social_reactions: { label: 'Reactions', defaults: on(true, false, false), locked: [] },
  // E-mail only reaches people who are offline (chat asks for these only then; checked again at send).
  chat_messages: { label: 'Chat messages', defaults: on(true, true, true), locked: [] },
  institution_announcements: { label: 'Announcements', defaults: on(true, true, true), locked: [] },
  institution_grades: { label: 'Grades', defaults: on(true, true, true), locked: [] },
  institution_attendance: { label: 'Attendance alerts', defaults: on(true, true, true), locked: [] },
  institution_membership: { label: 'Invitations and roles', defaults: on(true, true, false), locked: [] },
  course_work: { label: 'Assignments and quizzes', defaults: on(true, true, true), locked: [] },
  course_badges: { label: 'Badges', defaults: on(true, false, true), locked: [] },
  account_security: { label: 'Account and security', defaults: on(true, true, true), locked: ['email'], bypassesQuietHours: true },
  other: { label: 'Other', defaults: on(true, false, false), locked: [] },
};

const EXACT: Record<string, NotificationCategory> = {
  'institutions.announcement': 'institution_announcements',
  'institutions.grade_released': 'institution_grades',
  'institutions.attendance_alert': 'institution_attendance',
  'institutions.invited': 'institution_membership',
  'institutions.role_changed': 'institution_membership',
  'institutions.removed': 'institution_membership',
  'webhooks.endpoint_disabled': 'institution_membership',
  'courses.badge_awarded': 'course_badges',
  'account.security': 'account_security',
  'chat.message': 'chat_messages',
  'social.followed': 'social_connections',
  'social.connection_requested': 'social_connections',
  'social.connection_accepted': 'social_connections',
  'social.mentioned': 'social_mentions',
  'social.commented': 'social_comments',
  'social.reacted': 'social_reactions',
  // A moderator's decision, not something people did: none of the social categories.
  'social.content_removed': 'other',
};

/** Kinds whose e-mail another module already sends (the invitation itself): in-app and push only. */
const MAILED_ELSEWHERE = new Set(['institutions.invited']);

export const isMailedElsewhere = (kind: string) => MAILED_ELSEWHERE.has(kind);

export const bypassesQuietHours = (category: NotificationCategory) => CATEGORIES[category].bypassesQuietHours === true;

/** The category of a kind (`module.what`): exact entries first, then by module and wording. */
export function categoryOf(kind: string): NotificationCategory {
  const exact = EXACT[kind];
  if (exact) return exact;
  const [module = '', what = ''] = kind.split('.');
  if (module === 'chat') return 'chat_messages';
  if (module === 'identity' || module === 'account' || module === 'security') return 'account_security';
  if (module === 'courses') return 'course_work';
  if (module === 'social') {
    if (/mention/.test(what)) return 'social_mentions';
    if (/comment|repl/.test(what)) return 'social_comments';
    if (/react|like|share|repost/.test(what)) return 'social_reactions';
    if (/follow|connect/.test(what)) return 'social_connections';
  }
  return 'other';
}

/** A person's switches for a category: their stored choice over the default, locked channels always on. */
export function channelsFor(category: NotificationCategory, stored: Partial<ChannelSwitches> | undefined): ChannelSwitches {
  const info = CATEGORIES[category];
  const switches = { ...info.defaults, ...stored };
  for (const channel of info.locked) switches[channel] = true;
  return switches;
}
