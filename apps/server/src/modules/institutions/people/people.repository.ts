// SQL for students, guardians, staff and enrolments, in the tenant's schema.
import { type Generated, type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

type StudentsTable = {
  id: string;
  student_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  email: string | null;
  status: Generated<'active' | 'withdrawn' | 'graduated'>;
  user_id: string | null;
  external_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
type GuardiansTable = { student_id: string; user_id: string; relationship: string };
type StaffTable = {
  id: string;
  staff_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  kind: 'teacher' | 'staff';
  title: string;
  department_id: string | null;
  user_id: string | null;
  external_id: string | null;
  archived_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};
type EnrolmentsTable = { class_id: string; student_id: string; enrolled_at: Generated<Date> };
type ClassesTable = { id: string; capacity: number | null; archived_at: Date | null; name: string };
type DepartmentsTable = { id: string; archived_at: Date | null };
type Tables = {
  students: StudentsTable;
  guardians: GuardiansTable;
  staff: StaffTable;
  enrolments: EnrolmentsTable;
  classes: ClassesTable;
  departments: DepartmentsTable;
};

export type StudentRow = Selectable<StudentsTable>;
export type StaffRow = Selectable<StaffTable>;

/** Who may see which students: everyone, only the student themself, or a parent's children. */
export type StudentScope = { all: true } | { userId: string; as: 'student' | 'parent' };

export type PersonListOptions = { q?: string | undefined; after?: { key: string; id: string } | undefined; limit: number };

// A date has no time zone: read it as text, so no driver turns it into a midnight somewhere.
const studentColumns = [
  'students.id',
  'student_number',
  'first_name',
  'last_name',
  sql<string | null>`students.date_of_birth::text`.as('date_of_birth'),
  'email',
  'status',
  'students.user_id',
  'external_id',
  'created_at',
  'updated_at',
] as const;

// Lists are sorted by "last first" name; the same expression is the cursor key and has an index.
const sortKey = sql<string>`lower(last_name || ' ' || first_name)`;

export function peopleRepository(executor: Db, schema: string) {
  const db = (executor as Kysely<Tables>).withSchema(schema);
  return {
    sortKeyOf: (row: { last_name: string; first_name: string }) => `${row.last_name} ${row.first_name}`.toLowerCase(),

    listStudents(scope: StudentScope, options: PersonListOptions & { status?: string | undefined; classId?: string | undefined }) {
      let q = db.selectFrom('students').select(studentColumns).orderBy(sortKey).orderBy('students.id').limit(options.limit);
      if ('userId' in scope) {
        q =
          scope.as === 'student'
            ? q.where('students.user_id', '=', scope.userId)
            : q.where('students.id', 'in', db.selectFrom('guardians').select('student_id').where('user_id', '=', scope.userId));
      }
      if (options.status) q = q.where('status', '=', options.status as 'active');
      if (options.classId) {
        q = q.where('students.id', 'in', db.selectFrom('enrolments').select('student_id').where('class_id', '=', options.classId));
      }
      if (options.q) {
        const pattern = options.q;
        q = q.where((eb) =>
          eb.or([
            eb('student_number', 'ilike', pattern),
            eb('first_name', 'ilike', pattern),
            eb('last_name', 'ilike', pattern),
            eb('email', 'ilike', pattern),
          ]),
        );
      }
      if (options.after) q = q.where(sql<boolean>`(${sortKey}, students.id) > (${options.after.key}, ${options.after.id})`);
      return q.execute();
    },
    student: (id: string) => db.selectFrom('students').select(studentColumns).where('id', '=', id).executeTakeFirst(),
    insertStudent: (row: Insertable<StudentsTable>) =>
      db.insertInto('students').values(row).returning(studentColumns).executeTakeFirstOrThrow(),
    updateStudent: (id: string, patch: Updateable<StudentsTable>) =>
      db
        .updateTable('students')
        .set({ ...patch, updated_at: new Date() })
        .where('id', '=', id)
        .returning(studentColumns)
        .executeTakeFirstOrThrow(),
    deleteStudent: (id: string) => db.deleteFrom('students').where('id', '=', id).execute(),
    guardiansOf: (studentIds: string[]) =>
      studentIds.length ? db.selectFrom('guardians').selectAll().where('student_id', 'in', studentIds).execute() : Promise.resolve([]),
    isGuardian: async (studentId: string, userId: string) =>
      (await db
        .selectFrom('guardians')
        .select('user_id')
        .where('student_id', '=', studentId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) !== undefined,
    upsertGuardian: (row: GuardiansTable) =>
      db
        .insertInto('guardians')
        .values(row)
        .onConflict((oc) => oc.columns(['student_id', 'user_id']).doUpdateSet({ relationship: row.relationship }))
        .execute(),
    deleteGuardian: (studentId: string, userId: string) =>
      db.deleteFrom('guardians').where('student_id', '=', studentId).where('user_id', '=', userId).executeTakeFirst(),

    classesOf: (studentIds: string[]) =>
      studentIds.length
        ? db.selectFrom('enrolments').select(['student_id', 'class_id']).where('student_id', 'in', studentIds).execute()
        : Promise.resolve([]),
    classForUpdate: (id: string) =>
      db.selectFrom('classes').select(['id', 'name', 'capacity', 'archived_at']).where('id', '=', id).forUpdate().executeTakeFirst(),
    enrolledCount: async (classId: string) =>
      Number(
        (
          await db
            .selectFrom('enrolments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('class_id', '=', classId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    existingStudents: async (ids: string[]) =>
      (await db.selectFrom('students').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
    enrol: (classId: string, studentIds: string[]) =>
      db
        .insertInto('enrolments')
        .values(studentIds.map((student_id) => ({ class_id: classId, student_id })))
        .onConflict((oc) => oc.doNothing())
        .returning('student_id')
        .execute(),
    unenrol: (classId: string, studentId: string) =>
      db.deleteFrom('enrolments').where('class_id', '=', classId).where('student_id', '=', studentId).executeTakeFirst(),

    listStaff(
      options: PersonListOptions & { kind?: string | undefined; departmentId?: string | undefined; archived: 'false' | 'true' | 'all' },
    ) {
      let q = db.selectFrom('staff').selectAll().orderBy(sortKey).orderBy('id').limit(options.limit);
      if (options.archived === 'false') q = q.where('archived_at', 'is', null);
      if (options.archived === 'true') q = q.where('archived_at', 'is not', null);
      if (options.kind) q = q.where('kind', '=', options.kind as 'teacher');
      if (options.departmentId) q = q.where('department_id', '=', options.departmentId);
      if (options.q) {
        const pattern = options.q;
        q = q.where((eb) =>
          eb.or([
            eb('staff_number', 'ilike', pattern),
            eb('first_name', 'ilike', pattern),
            eb('last_name', 'ilike', pattern),
            eb('email', 'ilike', pattern),
          ]),
        );
      }
      if (options.after) q = q.where(sql<boolean>`(${sortKey}, id) > (${options.after.key}, ${options.after.id})`);
      return q.execute();
    },
    staffMember: (id: string) => db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst(),
    department: (id: string) => db.selectFrom('departments').select(['id', 'archived_at']).where('id', '=', id).executeTakeFirst(),
    insertStaff: (row: Insertable<StaffTable>) => db.insertInto('staff').values(row).returningAll().executeTakeFirstOrThrow(),
    updateStaff: (id: string, patch: Updateable<StaffTable>) =>
      db
        .updateTable('staff')
        .set({ ...patch, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    deleteStaff: (id: string) => db.deleteFrom('staff').where('id', '=', id).execute(),
  };
}
