import type { StaffQuery, StudentQuery } from '@edumatrix/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

/** What a list asks for, without paging. */
export type StudentFilters = Omit<Partial<StudentQuery>, 'cursor' | 'limit'>;
export type StaffFilters = Omit<Partial<StaffQuery>, 'cursor' | 'limit'>;

export const peopleKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'people'] as const,
  students: (institutionId: string) => [...peopleKeys.all(institutionId), 'students'] as const,
  student: (institutionId: string, id: string) => [...peopleKeys.students(institutionId), 'one', id] as const,
  staff: (institutionId: string) => [...peopleKeys.all(institutionId), 'staff'] as const,
};

const PAGE_SIZE = 25;

/** Only the filters that are set: the API reads an empty `q` as a search for nothing. */
function compact<T extends object>(filters: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Partial<T>;
}

export const studentsQuery = (institutionId: string, filters: StudentFilters) =>
  infiniteQueryOptions({
    queryKey: [...peopleKeys.students(institutionId), 'list', filters],
    queryFn: ({ pageParam }) => {
      const query: Partial<StudentQuery> = { ...compact(filters), limit: PAGE_SIZE };
      if (pageParam) query.cursor = pageParam;
      return client.students.list(institutionId, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const studentQuery = (institutionId: string, id: string) =>
  queryOptions({ queryKey: peopleKeys.student(institutionId, id), queryFn: () => client.students.get(institutionId, id) });

export const staffQuery = (institutionId: string, filters: StaffFilters) =>
  infiniteQueryOptions({
    queryKey: [...peopleKeys.staff(institutionId), 'list', filters],
    queryFn: ({ pageParam }) => {
      const query: Partial<StaffQuery> = { ...compact(filters), limit: PAGE_SIZE };
      if (pageParam) query.cursor = pageParam;
      return client.staff.list(institutionId, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
