import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { institutionQuery } from './queries.ts';

/** The institution named by the `:id` in the address. */
export function useInstitution() {
  const { id = '' } = useParams();
  return { id, ...useQuery(institutionQuery(id)) };
}
