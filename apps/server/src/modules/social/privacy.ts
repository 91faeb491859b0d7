// Who may see what: one pure rule for profile fields and one for posts, so routes, the feed and
// live pushes cannot disagree. Unit and property tests pin them (privacy.test.ts).
import type { FieldPrivacy } from '@edumatrix/contracts';

/** How a viewer stands to the person whose data it is. */
export type Relation = {
  self: boolean;
  connected: boolean;
  /** The viewer and the owner are members of at least one common institution. */
  sharesInstitution: boolean;
  /** Either has blocked the other. */
  blocked: boolean;
};

export const STRANGER: Relation = { self: false, connected: false, sharesInstitution: false, blocked: false };

export function mayViewField(level: FieldPrivacy, rel: Relation): boolean {
  if (rel.self) return true;
  if (rel.blocked) return false;
  switch (level) {
    case 'public':
      return true;
    case 'connections':
      return rel.connected;
    case 'institution':
      return rel.sharesInstitution;
    case 'only_me':
      return false;
  }
}

export type PostAudience = { visibility: 'public' | 'connections' | 'institution'; institutionId: string | null; deleted: boolean };
export type PostViewer = {
  isAuthor: boolean;
  blocked: boolean;
  connected: boolean;
  /** Institutions the viewer is a member of. */
  institutionIds: ReadonlySet<string>;
};

export function mayViewPost(post: PostAudience, viewer: PostViewer): boolean {
  if (post.deleted) return false;
  if (viewer.isAuthor) return true;
  if (viewer.blocked) return false;
  switch (post.visibility) {
    case 'public':
      return true;
    case 'connections':
      return viewer.connected;
    case 'institution':
      return post.institutionId !== null && viewer.institutionIds.has(post.institutionId);
  }
}

/** `institution:<id>` → its parts (the contract has already checked the shape). */
export function parseVisibility(value: string): { visibility: PostAudience['visibility']; institutionId: string | null } {
  if (value.startsWith('institution:'))
    return { visibility: 'institution', institutionId: value.slice('institution:'.length).toLowerCase() };
  return { visibility: value === 'connections' ? 'connections' : 'public', institutionId: null };
}

export const visibilityLabel = (visibility: string, institutionId: string | null) =>
  visibility === 'institution' ? `institution:${institutionId}` : visibility;
