// Matches the roster against what the institution already has: by external id when the source
// gives one, else by student/staff number or class code. Decides what to create, update or leave,
// and reports clashes (a number that belongs to someone else, a duplicate, an unknown class).
import type { ImportCounts, ImportProblem } from '@edumatrix/contracts';
import { uuidv7 } from 'uuidv7';
import type { ClassIn, EnrolmentIn, Loc, Roster, StaffIn, StudentIn } from './roster.read.ts';

export type ExistingStudent = Omit<StudentIn, keyof Loc> & { id: string };
export type ExistingStaff = Omit<StaffIn, keyof Loc> & { id: string };
export type ExistingClass = Omit<ClassIn, keyof Loc> & { id: string; capacity?: number | null };
export type Existing = { students: ExistingStudent[]; staff: ExistingStaff[]; classes: ExistingClass[]; enrolments: Set<string> };

type Change<T> = { create: (T & { id: string })[]; update: (T & { id: string })[]; unchanged: number };
export type Plan = {
  students: Change<StudentIn>;
  staff: Change<StaffIn>;
  classes: Change<ClassIn>;
  enrolments: { add: { classId: string; studentId: string }[]; unchanged: number };
};

export const countsOf = (plan: Plan, pick: 'create' | 'update' | 'unchanged'): ImportCounts => ({
  students: pick === 'unchanged' ? plan.students.unchanged : plan.students[pick].length,
  staff: pick === 'unchanged' ? plan.staff.unchanged : plan.staff[pick].length,
  classes: pick === 'unchanged' ? plan.classes.unchanged : plan.classes[pick].length,
  enrolments: pick === 'create' ? plan.enrolments.add.length : pick === 'unchanged' ? plan.enrolments.unchanged : 0,
});

/**
 * One entity kind: `key` is its number or code (unique ignoring case), `fields` what an update
 * compares. Returns the rows' final ids by their position in `incoming`.
 */
function match<T extends Loc & { externalId: string | null }, E extends { id: string; externalId: string | null }>(
  what: { noun: string; keyField: string; key: (x: T | E) => string; fields: (keyof T & keyof E)[] },
  incoming: T[],
  existing: E[],
  problems: ImportProblem[],
): { change: Change<T>; ids: (string | null)[] } {
  const byExternal = new Map(existing.filter((e) => e.externalId).map((e) => [e.externalId as string, e]));
  const byKey = new Map(existing.map((e) => [what.key(e).toLowerCase(), e]));
  const seenExternal = new Map<string, number>();
  const seenKey = new Map<string, number>();
  const change: Change<T> = { create: [], update: [], unchanged: 0 };
  const ids: (string | null)[] = [];

  for (const row of incoming) {
    const key = what.key(row).toLowerCase();
    const clash = (message: string, field: string | null = what.keyField) => {
      problems.push({ file: row.file, line: row.line, field, message });
      ids.push(null);
    };
    if (row.externalId && seenExternal.has(row.externalId)) {
      clash(
        `The same ${what.noun} (external id ${row.externalId}) appears again; first on line ${seenExternal.get(row.externalId)}`,
        'external_id',
      );
      continue;
    }
    if (seenKey.has(key)) {
      clash(`${what.key(row)} appears again; first on line ${seenKey.get(key)}`);
      continue;
    }
    if (row.externalId) seenExternal.set(row.externalId, row.line);
    seenKey.set(key, row.line);

    const byId = row.externalId ? byExternal.get(row.externalId) : undefined;
    const holder = byKey.get(key);
    // A number held by a different record that the source knows by another id: refuse, never merge.
    if (holder && byId && holder.id !== byId.id) {
      clash(`${what.key(row)} already belongs to another ${what.noun}`);
      continue;
    }
    if (holder && !byId && row.externalId && holder.externalId && holder.externalId !== row.externalId) {
      clash(`${what.key(row)} already belongs to another ${what.noun} (external id ${holder.externalId})`);
      continue;
    }
    const target = byId ?? holder;
    if (!target) {
      const id = uuidv7();
      change.create.push({ ...row, id });
      ids.push(id);
      continue;
    }
    ids.push(target.id);
    const differs =
      what.fields.some((f) => (row[f] ?? null) !== (target[f] ?? null)) ||
      (row.externalId !== null && row.externalId !== target.externalId);
    if (differs) change.update.push({ ...row, id: target.id, externalId: row.externalId ?? target.externalId });
    else change.unchanged += 1;
  }
  return { change, ids };
}

export function planRoster(roster: Roster, existing: Existing, problems: ImportProblem[]): Plan {
  const students = match(
    {
      noun: 'student',
      keyField: 'student_number',
      key: (x) => x.studentNumber,
      fields: ['studentNumber', 'firstName', 'lastName', 'dateOfBirth', 'email', 'status'],
    },
    roster.students,
    existing.students,
    problems,
  );
  const staff = match(
    {
      noun: 'staff member',
      keyField: 'staff_number',
      key: (x) => x.staffNumber,
      fields: ['staffNumber', 'firstName', 'lastName', 'email', 'kind', 'title'],
    },
    roster.staff,
    existing.staff,
    problems,
  );
  const classes = match(
    { noun: 'class', keyField: 'classCode', key: (x) => x.code, fields: ['code', 'name', 'room'] },
    roster.classes,
    existing.classes,
    problems,
  );

  // Where enrolments find their class and student: this upload first, then the institution.
  const classIds = new Map<string, string>();
  const studentIds = new Map<string, string>();
  for (const c of existing.classes) {
    classIds.set(`code:${c.code.toLowerCase()}`, c.id);
    if (c.externalId) classIds.set(`ext:${c.externalId}`, c.id);
  }
  for (const s of existing.students) {
    studentIds.set(`number:${s.studentNumber.toLowerCase()}`, s.id);
    if (s.externalId) studentIds.set(`ext:${s.externalId}`, s.id);
  }
  roster.classes.forEach((c, i) => {
    const id = classes.ids[i];
    if (!id) return;
    classIds.set(`code:${c.code.toLowerCase()}`, id);
    if (c.externalId) classIds.set(`ext:${c.externalId}`, id);
  });
  roster.students.forEach((s, i) => {
    const id = students.ids[i];
    if (!id) return;
    studentIds.set(`number:${s.studentNumber.toLowerCase()}`, id);
    if (s.externalId) studentIds.set(`ext:${s.externalId}`, id);
  });

  const enrolments: Plan['enrolments'] = { add: [], unchanged: 0 };
  const lines = new Map<string, Loc>();
  const seen = new Set<string>();
  for (const e of roster.enrolments) {
    const classId = classIds.get(classLookup(e));
    const studentId = studentIds.get(studentLookup(e));
    if (!classId) {
      problems.push({
        file: e.file,
        line: e.line,
        field: 'classCode' in e.classKey ? 'class_code' : 'classSourcedId',
        message: `No class ${describe(e.classKey)} in this upload or the institution`,
      });
      continue;
    }
    if (!studentId) {
      problems.push({
        file: e.file,
        line: e.line,
        field: 'number' in e.studentKey ? 'student_number' : 'userSourcedId',
        message: `No student ${describe(e.studentKey)} in this upload or the institution`,
      });
      continue;
    }
    const pair = `${classId}:${studentId}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    if (existing.enrolments.has(pair)) enrolments.unchanged += 1;
    else {
      enrolments.add.push({ classId, studentId });
      lines.set(pair, e);
    }
  }
  checkCapacity(existing, enrolments.add, lines, problems);
  return { students: students.change, staff: staff.change, classes: classes.change, enrolments };
}

const classLookup = (e: EnrolmentIn) => ('code' in e.classKey ? `code:${e.classKey.code.toLowerCase()}` : `ext:${e.classKey.externalId}`);
const studentLookup = (e: EnrolmentIn) =>
  'number' in e.studentKey ? `number:${e.studentKey.number.toLowerCase()}` : `ext:${e.studentKey.externalId}`;
const describe = (key: Record<string, string>) => Object.values(key)[0];

/** A class with a capacity takes no more students than it has places: the first row over it is reported. */
function checkCapacity(
  existing: Existing,
  adds: { classId: string; studentId: string }[],
  lines: Map<string, Loc>,
  problems: ImportProblem[],
) {
  const counts = new Map<string, number>();
  for (const pair of existing.enrolments) {
    const classId = pair.slice(0, pair.indexOf(':'));
    counts.set(classId, (counts.get(classId) ?? 0) + 1);
  }
  const reported = new Set<string>();
  for (const { classId, studentId } of adds) {
    const klass = existing.classes.find((c) => c.id === classId);
    const count = (counts.get(classId) ?? 0) + 1;
    counts.set(classId, count);
    if (!klass?.capacity || count <= klass.capacity || reported.has(classId)) continue;
    reported.add(classId);
    const at = lines.get(`${classId}:${studentId}`) as Loc;
    problems.push({
      file: at.file,
      line: at.line,
      field: null,
      message: `Class ${klass.code} has ${klass.capacity} place${klass.capacity === 1 ? '' : 's'}; this row is one too many`,
    });
  }
}
