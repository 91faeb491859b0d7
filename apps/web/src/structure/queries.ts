import type { ClassQuery, StructureKind } from '@edumatrix/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';
import type { ArchivedFilter } from './kinds.ts';

/** What a list page asks for; each kind's page sets only the filters its kind accepts. */
export type UnitFilters = Omit<Partial<ClassQuery>, 'cursor' | 'limit' | 'archived'> & { archived: ArchivedFilter };

export const structureKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'structure'] as const,
  units: (institutionId: string, kind: StructureKind) => [...structureKeys.all(institutionId), kind] as const,
  years: (institutionId: string) => [...structureKeys.all(institutionId), 'academic-years'] as const,
};

const PAGE_SIZE = 25;
/** Enough to name every reference in one request; the API's largest page. */
const LOOKUP_SIZE = 100;

export const unitsQuery = <K extends StructureKind>(institutionId: string, kind: K, filters: UnitFilters) =>
  infiniteQueryOptions({
    queryKey: [...structureKeys.units(institutionId, kind), 'list', filters],
    queryFn: ({ pageParam }) => {
      const query: Partial<ClassQuery> = { limit: PAGE_SIZE };
      for (const [key, value] of Object.entries(filters)) if (value) Object.assign(query, { [key]: value });
      if (pageParam) query.cursor = pageParam;
      return client.structure.list(institutionId, kind, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** Every unit of a kind, archived too, so references to it can be named. `more` says the list was cut. */
export const lookupQuery = <K extends StructureKind>(institutionId: string, kind: K) =>
  queryOptions({
    queryKey: [...structureKeys.units(institutionId, kind), 'lookup'],
    queryFn: async () => {
      const page = await client.structure.list(institutionId, kind, { archived: 'all', limit: LOOKUP_SIZE });
      return { items: page.items, more: page.nextCursor !== null };
    },
  });

export const yearsQuery = (institutionId: string, archived: ArchivedFilter = 'all') =>
  queryOptions({
    queryKey: [...structureKeys.years(institutionId), archived],
    queryFn: () => client.academicYears.list(institutionId, archived).then((r) => r.items),
  });
