import type { AcademicYear, Department, Institution, Member, Program, Term } from '@edumatrix/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { membersQuery } from '../institutions/queries.ts';
import type { PickOneOption } from '../ui/PickOne.tsx';
import { canSeeMembers, TEACHING_ROLES } from './kinds.ts';
import { lookupQuery, yearsQuery } from './queries.ts';

type Needs = { departments?: boolean; programs?: boolean; years?: boolean; teachers?: boolean };

export type Lookups = ReturnType<typeof useLookups>;

/**
 * The lists a page needs to turn ids into names, each fetched once and shared through the cache.
 * Teachers come from the member list, which students and parents may not read: for them
 * `teachersVisible` is false and no request is made.
 */
export function useLookups(institution: Institution, needs: Needs) {
  const teachersVisible = canSeeMembers(institution.myRole);
  const departments = useQuery({ ...lookupQuery(institution.id, 'departments'), enabled: !!needs.departments });
  const programs = useQuery({ ...lookupQuery(institution.id, 'programs'), enabled: !!needs.programs });
  const years = useQuery({ ...yearsQuery(institution.id), enabled: !!needs.years });
  const members = useQuery({ ...membersQuery(institution.id), enabled: !!needs.teachers && teachersVisible });

  const isPending = [departments, programs, years, members].some((q) => q.isLoading);
  const lookups = useMemo(() => {
    const departmentList: Department[] = departments.data?.items ?? [];
    const programList: Program[] = programs.data?.items ?? [];
    const yearList: AcademicYear[] = years.data ?? [];
    const teacherList: Member[] = (members.data ?? []).filter((m) => (TEACHING_ROLES as readonly string[]).includes(m.role));
    const terms = new Map<string, { term: Term; year: AcademicYear }>();
    for (const year of yearList) for (const term of year.terms) terms.set(term.id, { term, year });
    return {
      departments: departmentList,
      programs: programList,
      years: yearList,
      teachers: teacherList,
      teachersVisible,
      department: byId(departmentList),
      program: byId(programList),
      year: byId(yearList),
      term: (id: string | null) => (id ? terms.get(id) : undefined),
      teacher: byKey(members.data ?? [], (m) => m.userId),
    };
  }, [departments.data, programs.data, years.data, members.data, teachersVisible]);
  return { ...lookups, isPending };
}

function byKey<T>(items: T[], key: (item: T) => string) {
  const map = new Map(items.map((item) => [key(item), item]));
  return (id: string | null | undefined) => (id ? map.get(id) : undefined);
}

const byId = <T extends { id: string }>(items: T[]) => byKey(items, (item) => item.id);

type Named = { id: string; name: string; archivedAt?: string | null };

/**
 * Choices for a reference: the active items, plus the current value when it was archived since
 * (an edit must not silently drop it).
 */
export function choicesOf(items: Named[], current?: string | null): PickOneOption[] {
  return items
    .filter((item) => !item.archivedAt || item.id === current)
    .map((item) => ({ value: item.id, label: item.archivedAt ? `${item.name} (archived)` : item.name }));
}

/** Filter choices name archived items too: old classes may still point at them. */
export const filterChoicesOf = (items: Named[]): PickOneOption[] =>
  items.map((item) => ({ value: item.id, label: item.archivedAt ? `${item.name} (archived)` : item.name }));

export const teacherChoices = (teachers: Member[]): PickOneOption[] =>
  teachers.map((m) => ({ value: m.userId, label: m.displayName })).sort((a, b) => a.label.localeCompare(b.label));
