// Words and symbols for the social module's fixed sets (reactions, privacy levels, report reasons),
// kept in one place so cards, forms and tests name them the same way.
import type { FieldPrivacy, ProfilePrivateField, ReactionKind, ReportBody } from '@edumatrix/contracts';

export const REACTION_LABELS: Record<ReactionKind, string> = {
  like: 'Like',
  celebrate: 'Celebrate',
  insightful: 'Insightful',
  curious: 'Curious',
};

export const PRIVACY_OPTIONS: { value: FieldPrivacy; label: string }[] = [
  { value: 'public', label: 'Everyone' },
  { value: 'connections', label: 'My connections' },
  { value: 'institution', label: 'People at my institutions' },
  { value: 'only_me', label: 'Only me' },
];

export const FIELD_LABELS: Record<ProfilePrivateField, string> = {
  headline: 'Headline',
  bio: 'About',
  skills: 'Skills',
  interests: 'Interests',
  affiliations: 'Institutions',
  presence: 'Online status',
};

export const REPORT_REASONS: { value: NonNullable<ReportBody['reason']>; label: string }[] = [
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment or bullying' },
  { value: 'hate', label: 'Hate speech' },
  { value: 'violence', label: 'Violence or threats' },
  { value: 'sexual', label: 'Sexual content' },
  { value: 'misinformation', label: 'Misinformation' },
  { value: 'other', label: 'Something else' },
];

/** "public", "connections" or "institution:<id>" as a reader says it. */
export function visibilityLabel(visibility: string, institutionName: (id: string) => string | undefined): string {
  if (visibility === 'connections') return 'Connections';
  if (visibility.startsWith('institution:')) {
    const name = institutionName(visibility.slice('institution:'.length));
    return name ? `Members of ${name}` : 'Institution members';
  }
  return 'Public';
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
