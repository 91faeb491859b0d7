// Where a notification comes from, by the module that names its kind (`chat.message`,
// `social.reacted`...). Coarser than the server's categories: enough to filter the list and to say
// where an entry leads, without copying the server's kind-to-category table.

export const SOURCES = [
  { value: 'social', label: 'People and posts' },
  { value: 'chat', label: 'Chat' },
  { value: 'courses', label: 'Courses' },
  { value: 'institutions', label: 'Institutions and grades' },
  { value: 'account', label: 'Account and security' },
  { value: 'other', label: 'Other' },
] as const;

export type Source = (typeof SOURCES)[number]['value'];

const MODULES: Record<string, Source> = {
  social: 'social',
  chat: 'chat',
  courses: 'courses',
  institutions: 'institutions',
  webhooks: 'institutions',
  account: 'account',
  identity: 'account',
  security: 'account',
};

export const sourceOf = (kind: string): Source => MODULES[kind.split('.')[0] ?? ''] ?? 'other';

export const isSource = (value: string | null): value is Source => SOURCES.some((s) => s.value === value);

/** A short name for the page an entry opens, shown beside its time. */
export function destinationOf(link: string | null): string | null {
  if (!link) return null;
  if (/^\/chat(\/|$)/.test(link)) return 'Chat';
  if (/^\/posts\//.test(link)) return 'Post';
  if (/^\/people\//.test(link)) return 'Profile';
  if (/^\/connections/.test(link)) return 'Connections';
  if (/\/grades(\/|$)/.test(link)) return 'Grades';
  if (/\/attendance(\/|$)/.test(link)) return 'Attendance';
  if (/\/announcements(\/|$)/.test(link)) return 'Announcements';
  if (/\/assignments\//.test(link)) return 'Assignment';
  if (/\/quizzes\//.test(link)) return 'Quiz';
  if (/\/courses\/achievements/.test(link)) return 'Achievements';
  if (/\/courses\//.test(link)) return 'Course';
  if (/\/courses$/.test(link)) return 'Courses';
  if (/\/people\/students\//.test(link)) return 'Student';
  if (/\/webhooks(\/|$)/.test(link)) return 'Webhooks';
  if (/^\/institutions\//.test(link)) return 'Institution';
  if (/^\/settings\//.test(link)) return 'Settings';
  return null;
}
