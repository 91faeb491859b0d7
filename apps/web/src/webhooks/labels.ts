import type { WebhookDeliveryStatus, WebhookEventType } from '@edumatrix/contracts';

// Keyed by the contract's type: a new subscribable event fails the build here until it has a label.
const EVENT_LABELS: Record<WebhookEventType, string> = {
  'institutions.member_invited': 'Member invited',
  'institutions.member_joined': 'Member joined',
  'institutions.member_role_changed': 'Member role changed',
  'institutions.member_removed': 'Member removed',
  'institutions.structure_changed': 'Structure changed',
  'institutions.people_changed': 'Student or staff record changed',
  'institutions.enrolment_changed': 'Class enrolment changed',
  'institutions.attendance_alert': 'Attendance alert',
  'institutions.grade_updated': 'Grade entered or changed',
  'institutions.announcement_published': 'Announcement published',
};

export const EVENT_TYPE_OPTIONS = Object.entries(EVENT_LABELS).map(([value, label]) => ({ value, label }));

/** The log also holds test pings, and events an older endpoint subscribed to before they were renamed. */
export function eventTypeLabel(type: string): string {
  if (type === 'webhooks.ping') return 'Test ping';
  return EVENT_LABELS[type as WebhookEventType] ?? type;
}

export const DELIVERY_STATUS: Record<WebhookDeliveryStatus, { label: string; color: string }> = {
  succeeded: { label: 'Succeeded', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  pending: { label: 'Pending', color: 'yellow' },
};

// Retries can be seconds apart; the app's usual minute precision would make them look simultaneous.
const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const formatPreciseTime = (iso: string) => withSeconds.format(new Date(iso));
