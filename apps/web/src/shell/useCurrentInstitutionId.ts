import { useMatch } from 'react-router';

/** The institution the address is about, if any ("/institutions/new" is a page, not an id). */
export function useCurrentInstitutionId(): string | null {
  const match = useMatch('/institutions/:id/*');
  const id = match?.params.id;
  return id && id !== 'new' ? id : null;
}
