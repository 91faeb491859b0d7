// SQL for imports: the import records (tenant), the queue (global), reading what the institution
// has, and writing a plan in chunks.
import type { ImportProgress, ImportReport } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../../platform/db/database.ts';
import type { Existing, Plan } from './roster.plan.ts';

export type ImportRow = {
  id: string;
  format: string;
  mode: string;
  files: Record<string, string>;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: ImportProgress;
  report: ImportReport | null;
  error: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const CHUNK = 500;
const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export function importsRepository(db: Db, schema: string) {
  const imports = sql.table(`${schema}.imports`);
  return {
    insert: (row: { id: string; format: string; mode: string; files: Record<string, string>; created_by: string }) =>
      sql`insert into ${imports} (id, format, mode, files, created_by)
        values (${row.id}, ${row.format}, ${row.mode}, ${JSON.stringify(row.files)}, ${row.created_by})`.execute(db),
    get: async (id: string) => (await rowsOf(db, sql<ImportRow>`select * from ${imports} where id = ${id}`))[0],
    /** Newest first, without the files. */
    list: (limit: number) =>
      rowsOf(
        db,
        sql<
          Omit<ImportRow, 'files'>
        >`select id, format, mode, status, progress, report, error, created_by, created_at, started_at, finished_at
        from ${imports} order by id desc limit ${limit}`,
      ),
    start: (id: string) => sql`update ${imports} set status = 'running', started_at = now(), error = null where id = ${id}`.execute(db),
    progress: (id: string, progress: ImportProgress) =>
      sql`update ${imports} set progress = ${JSON.stringify(progress)} where id = ${id}`.execute(db),
    finish: (
      id: string,
      outcome: { status: 'succeeded' | 'failed'; report: ImportReport | null; error: string | null; progress: ImportProgress },
    ) =>
      sql`update ${imports} set status = ${outcome.status}, report = ${outcome.report ? JSON.stringify(outcome.report) : null},
        error = ${outcome.error}, progress = ${JSON.stringify(outcome.progress)}, finished_at = now() where id = ${id}`.execute(db),
  };
}

export function importQueue(db: Db) {
  return {
    enqueue: (importId: string, institutionId: string) =>
      sql`insert into institutions.import_queue (import_id, institution_id) values (${importId}, ${institutionId})`.execute(db),
    /** One import for `lockSeconds`; if its process dies, another takes it up after that. */
    claim: async (lockSeconds: number) =>
      (
        await rowsOf(
          db,
          sql<{ import_id: string; institution_id: string }>`
          update institutions.import_queue set locked_until = now() + make_interval(secs => ${lockSeconds})
          where import_id = (select import_id from institutions.import_queue
            where locked_until is null or locked_until < now() order by queued_at limit 1 for update skip locked)
          returning import_id, institution_id`,
        )
      )[0],
    remove: (importId: string) => sql`delete from institutions.import_queue where import_id = ${importId}`.execute(db),
  };
}

/** Everything an import is matched against, read once. */
export async function readExisting(db: Db, schema: string): Promise<Existing> {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  const [students, staff, classes, enrolments] = await Promise.all([
    rowsOf(
      db,
      sql<
        Existing['students'][number]
      >`select id, external_id as "externalId", student_number as "studentNumber", first_name as "firstName",
      last_name as "lastName", date_of_birth::text as "dateOfBirth", email, status from ${t('students')}`,
    ),
    rowsOf(
      db,
      sql<Existing['staff'][number]>`select id, external_id as "externalId", staff_number as "staffNumber", first_name as "firstName",
      last_name as "lastName", email, kind, title from ${t('staff')}`,
    ),
    rowsOf(db, sql<Existing['classes'][number]>`select id, external_id as "externalId", code, name, room, capacity from ${t('classes')}`),
    rowsOf(db, sql<{ pair: string }>`select class_id || ':' || student_id as pair from ${t('enrolments')}`),
  ]);
  return { students, staff, classes, enrolments: new Set(enrolments.map((e) => e.pair)) };
}

/** Writes a plan inside the caller's transaction, reporting rows written as it goes. */
export async function writePlan(trx: Db, schema: string, plan: Plan, onProgress: (written: number) => void): Promise<void> {
  const t = (name: string) => sql.table(`${schema}.${name}`);
  let written = 0;
  const step = async (n: number) => {
    written += n;
    onProgress(written);
  };
  for (const part of chunks(plan.classes.create)) {
    await sql`insert into ${t('classes')} (id, name, code, room, external_id) values ${sql.join(
      part.map((c) => sql`(${c.id}, ${c.name}, ${c.code}, ${c.room}, ${c.externalId})`),
    )}`.execute(trx);
    await step(part.length);
  }
  for (const c of plan.classes.update) {
    await sql`update ${t('classes')} set name = ${c.name}, code = ${c.code}, room = ${c.room}, external_id = ${c.externalId}, updated_at = now()
      where id = ${c.id}`.execute(trx);
  }
  await step(plan.classes.update.length);
  for (const part of chunks(plan.students.create)) {
    await sql`insert into ${t('students')} (id, student_number, first_name, last_name, date_of_birth, email, status, external_id) values ${sql.join(
      part.map(
        (s) =>
          sql`(${s.id}, ${s.studentNumber}, ${s.firstName}, ${s.lastName}, ${s.dateOfBirth}::date, ${s.email}, ${s.status}, ${s.externalId})`,
      ),
    )}`.execute(trx);
    await step(part.length);
  }
  for (const s of plan.students.update) {
    await sql`update ${t('students')} set student_number = ${s.studentNumber}, first_name = ${s.firstName}, last_name = ${s.lastName},
      date_of_birth = ${s.dateOfBirth}::date, email = ${s.email}, status = ${s.status}, external_id = ${s.externalId}, updated_at = now()
      where id = ${s.id}`.execute(trx);
  }
  await step(plan.students.update.length);
  for (const part of chunks(plan.staff.create)) {
    await sql`insert into ${t('staff')} (id, staff_number, first_name, last_name, email, kind, title, external_id) values ${sql.join(
      part.map((s) => sql`(${s.id}, ${s.staffNumber}, ${s.firstName}, ${s.lastName}, ${s.email}, ${s.kind}, ${s.title}, ${s.externalId})`),
    )}`.execute(trx);
    await step(part.length);
  }
  for (const s of plan.staff.update) {
    await sql`update ${t('staff')} set staff_number = ${s.staffNumber}, first_name = ${s.firstName}, last_name = ${s.lastName}, email = ${s.email},
      kind = ${s.kind}, title = ${s.title}, external_id = ${s.externalId}, updated_at = now() where id = ${s.id}`.execute(trx);
  }
  await step(plan.staff.update.length);
  for (const part of chunks(plan.enrolments.add)) {
    await sql`insert into ${t('enrolments')} (class_id, student_id) values ${sql.join(part.map((e) => sql`(${e.classId}, ${e.studentId})`))}
      on conflict do nothing`.execute(trx);
    await step(part.length);
  }
}
