// A course's question bank: questions of every type the quiz engine grades, edited by the course's
// editors, and moved in and out as QTI packages (2.1 or 3.0).
import { exportQtiPackage, importQtiItem, importQtiPackage, QtiError, type QtiVersion, type Question } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { isUuid } from '../../platform/http/cursor.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import type { CoursesService } from './courses.service.ts';

/** A question as validated, before it has an id. */
export type NewQuestion = Omit<Question, 'id'>;
type QuestionRow = { id: string; data: NewQuestion };

export type QuestionsService = ReturnType<typeof createQuestionsService>;

export function createQuestionsService(deps: { db: Db; courses: CoursesService }) {
  const t = (tenant: TenantContext) => sql.table(`${tenant.schema}.course_questions`);
  const present = (r: QuestionRow) => ({ ...r.data, id: r.id }) as Question;

  async function upsert(trx: Db, tenant: TenantContext, courseId: string, id: string, q: NewQuestion) {
    await sql`insert into ${t(tenant)} (id, course_id, type, tags, difficulty, data)
      values (${id}, ${courseId}, ${q.type}, ${q.tags}::text[], ${q.difficulty}, ${JSON.stringify(q)}::jsonb)
      on conflict (id) do update set type = excluded.type, tags = excluded.tags, difficulty = excluded.difficulty,
        data = excluded.data, updated_at = now()`.execute(trx);
  }

  async function one(tenant: TenantContext, courseId: string, id: string) {
    const [row] = await rowsOf(deps.db, sql<QuestionRow>`select id, data from ${t(tenant)} where id = ${id} and course_id = ${courseId}`);
    if (!row) throw notFound('quizzes.question_not_found', 'Question');
    return row;
  }

  const bank = (db: Db, tenant: TenantContext, courseId: string, filter: { tag?: string | undefined } = {}) =>
    rowsOf(
      db,
      sql<QuestionRow>`select id, data from ${t(tenant)} where course_id = ${courseId}
        ${filter.tag ? sql`and ${filter.tag} = any(tags)` : sql``} order by created_at, id`,
    );

  const audit = (trx: Db, tenant: TenantContext, action: string, courseId: string, detail: Record<string, unknown>) =>
    recordAudit(trx, { action, targetType: 'course', targetId: courseId, institutionId: tenant.institutionId, after: detail });

  return {
    async list(tenant: TenantContext, userId: string, courseId: string, tag?: string): Promise<Question[]> {
      await deps.courses.editable(tenant, userId, courseId);
      return (await bank(deps.db, tenant, courseId, { tag })).map(present);
    },

    async create(tenant: TenantContext, userId: string, courseId: string, q: NewQuestion): Promise<Question> {
      await deps.courses.editable(tenant, userId, courseId);
      const id = uuidv7();
      await deps.db.transaction().execute(async (trx) => {
        await upsert(trx, tenant, courseId, id, q);
        await audit(trx, tenant, 'course.question_created', courseId, { questionId: id, type: q.type });
      });
      return present({ id, data: q });
    },

    async update(tenant: TenantContext, userId: string, courseId: string, id: string, q: NewQuestion): Promise<Question> {
      await deps.courses.editable(tenant, userId, courseId);
      await one(tenant, courseId, id);
      await deps.db.transaction().execute(async (trx) => {
        await upsert(trx, tenant, courseId, id, q);
        await audit(trx, tenant, 'course.question_updated', courseId, { questionId: id, type: q.type });
      });
      return present({ id, data: q });
    },

    async remove(tenant: TenantContext, userId: string, courseId: string, id: string): Promise<void> {
      await deps.courses.editable(tenant, userId, courseId);
      await one(tenant, courseId, id);
      await deps.db.transaction().execute(async (trx) => {
        await sql`delete from ${t(tenant)} where id = ${id}`.execute(trx);
        await audit(trx, tenant, 'course.question_deleted', courseId, { questionId: id });
      });
    },

    /**
     * Reads a QTI package (zip) or a single item (XML). Questions this platform exported come back
     * onto their own rows (so re-importing changes nothing); others get new ids. Items that cannot
     * be read are listed and the rest imported.
     */
    async importQti(tenant: TenantContext, userId: string, courseId: string, body: Buffer) {
      await deps.courses.editable(tenant, userId, courseId);
      let result: { questions: Question[]; errors: { file: string; message: string }[] };
      try {
        const isZip = body.subarray(0, 2).toString('latin1') === 'PK';
        result = isZip ? importQtiPackage(new Uint8Array(body)) : { questions: [importQtiItem(body.toString('utf8'))], errors: [] };
      } catch (err) {
        if (err instanceof QtiError)
          throw new AppError('invalid', 'quizzes.qti_invalid', err.message, { fields: [{ field: 'file', message: err.message }] });
        throw err;
      }
      const existing = new Set((await bank(deps.db, tenant, courseId)).map((r) => r.id));
      let updated = 0;
      const imported = await deps.db.transaction().execute(async (trx) => {
        const saved: Question[] = [];
        for (const q of result.questions) {
          const known = isUuid(q.id) && existing.has(q.id);
          if (known) updated += 1;
          const id = known ? q.id : uuidv7();
          const { id: _ignored, ...data } = q;
          await upsert(trx, tenant, courseId, id, data as NewQuestion);
          saved.push({ ...q, id } as Question);
        }
        await audit(trx, tenant, 'course.questions_imported', courseId, { count: saved.length, errors: result.errors.length });
        return saved;
      });
      return { imported, created: imported.length - updated, updated, errors: result.errors };
    },

    async exportQti(tenant: TenantContext, userId: string, courseId: string, version: QtiVersion): Promise<Uint8Array> {
      await deps.courses.editable(tenant, userId, courseId);
      return exportQtiPackage((await bank(deps.db, tenant, courseId)).map(present), version);
    },
  };
}
