// One database: a 10,000-student roster checked (dry run) and committed through the platform's
// import job, against the ceiling of inserting the same rows with plain multi-row INSERTs.
// TEST_DATABASE_URL set: PostgreSQL; unset: embedded PGlite.
import { sql } from 'kysely';
import { createInstitution, signedUpClient, waitFor } from '../apps/server/src/testing/factories.ts';
import { preparePostgresTemplate, startTestPlatform } from '../apps/server/src/testing/test-platform.ts';
import { runAsChild, send } from './child.ts';
import { now } from './stats.ts';

const STUDENTS = Number(process.env.BENCH_IMPORT_STUDENTS ?? 10_000);

function roster(): string {
  const lines = ['student_number,first_name,last_name,date_of_birth,email,external_id'];
  for (let n = 1; n <= STUDENTS; n++) lines.push(`S${n},First${n},Last${n},2012-05-${String((n % 28) + 1).padStart(2, '0')},,sis-${n}`);
  return `${lines.join('\n')}\n`;
}

runAsChild(async () => {
  if (process.env.TEST_DATABASE_URL) await preparePostgresTemplate();
  const t = await startTestPlatform({ env: { LOG_LEVEL: 'error' } });
  try {
    const owner = await signedUpClient(t, 'Bench Owner');
    const inst = await createInstitution(owner.client);
    const files = { 'students.csv': roster() };
    const timed = async (mode: 'dry_run' | 'commit') => {
      const started = now();
      const job = await owner.client.imports.create(inst.id, { format: 'students', mode, files });
      let status = job.status;
      await waitFor(
        `the ${mode}`,
        async () => {
          status = (await owner.client.imports.get(inst.id, job.id)).status;
          return status === 'succeeded' || status === 'failed';
        },
        600_000,
      );
      if (status !== 'succeeded') throw new Error(`${mode} ${status}`);
      return now() - started;
    };
    const dryRunMs = await timed('dry_run');
    const commitMs = await timed('commit');
    const reimportMs = await timed('commit');

    // The ceiling: the same rows into a bare table, 500 per statement, in one transaction.
    const db = t.platform.database.db;
    await sql`create table public.bench_students (id int primary key, number text, first text, last text, dob date, external text)`.execute(
      db,
    );
    const started = now();
    await db.transaction().execute(async (trx) => {
      for (let from = 1; from <= STUDENTS; from += 500) {
        const rows = [];
        for (let n = from; n < Math.min(from + 500, STUDENTS + 1); n++) {
          rows.push(
            sql`(${n}, ${`S${n}`}, ${`First${n}`}, ${`Last${n}`}, ${`2012-05-${String((n % 28) + 1).padStart(2, '0')}`}::date, ${`sis-${n}`})`,
          );
        }
        await sql`insert into public.bench_students values ${sql.join(rows)}`.execute(trx);
      }
    });
    const rawInsertMs = now() - started;
    await send({ type: 'result', result: { students: STUDENTS, dryRunMs, commitMs, reimportMs, rawInsertMs } });
  } finally {
    await t.close();
  }
});
