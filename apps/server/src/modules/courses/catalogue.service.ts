// The public catalogue: public, published courses of every institution, for anyone to browse.
import type { CatalogueCourse, CatalogueEntry, CatalogueQuery, Page } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/http/app-error.ts';
import { containsPattern, decodeKeyCursor, encodeKeyCursor } from '../../platform/http/cursor.ts';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository } from './courses.repository.ts';

type EntryRow = {
  course_id: string;
  institution_id: string;
  institution_name: string;
  title: string;
  summary: string;
  published_at: Date;
};

const present = (r: EntryRow): CatalogueEntry => ({
  courseId: r.course_id,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  title: r.title,
  summary: r.summary,
  publishedAt: new Date(r.published_at).toISOString(),
});

export type CatalogueService = ReturnType<typeof createCatalogueService>;

export function createCatalogueService(deps: { db: Db }) {
  return {
    /** Newest first, with a (published_at, id) cursor. */
    async list(query: CatalogueQuery): Promise<Page<CatalogueEntry>> {
      const limit = query.limit;
      const after = query.cursor ? decodeKeyCursor(query.cursor) : undefined;
      if (after && Number.isNaN(Date.parse(after.key)))
        throw invalidField('pagination.bad_cursor', 'cursor', 'is not a cursor of this list');
      const q = query.q ? containsPattern(query.q) : undefined;
      const rows = await rowsOf(
        deps.db,
        sql<EntryRow>`select course_id, institution_id, institution_name, title, summary, published_at from courses.catalogue
          where true
          ${q ? sql`and (title ilike ${q} or summary ilike ${q} or institution_name ilike ${q})` : sql``}
          ${after ? sql`and (published_at, course_id) < (${after.key}::timestamptz, ${after.id})` : sql``}
          order by published_at desc, course_id desc limit ${limit + 1}`,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(present),
        nextCursor: rows.length > limit && last ? encodeKeyCursor(new Date(last.published_at).toISOString(), last.course_id) : null,
      };
    },

    async get(courseId: string): Promise<CatalogueCourse> {
      const [row] = await rowsOf(
        deps.db,
        sql<EntryRow>`select course_id, institution_id, institution_name, title, summary, published_at from courses.catalogue
          where course_id = ${courseId}`,
      );
      if (!row) throw notFound('courses.course_not_found', 'Course');
      const r = coursesRepository(deps.db, tenantSchemaName(row.institution_id));
      const [course, modules, lessons] = await Promise.all([r.course(courseId), r.modules(courseId), r.lessons(courseId)]);
      return {
        ...present(row),
        description: course?.description ?? '',
        modules: modules.map((m) => ({
          title: m.title,
          lessons: lessons.filter((l) => l.module_id === m.id && l.published).map((l) => ({ title: l.title, kind: l.kind })),
        })),
      };
    },
  };
}
