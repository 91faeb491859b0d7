// Learning paths: courses that open after other courses, and modules after other modules of the
// same course. The prerequisites form a directed acyclic graph: an edge that would close a cycle
// is refused with 409 naming the cycle. Items stay locked for a learner until what they require is
// complete; editors are never locked out.
import type { CourseGraph, Prerequisite, SetPrerequisitesBody } from '@edumatrix/contracts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.ts';
import type { TenantContext } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository, type LessonRow, type ModuleRow } from './courses.repository.ts';
import type { CoursesService } from './courses.service.ts';

type Edge = { from: string; to: string };

/** The path `to` → … → `from` if adding from → to would close a cycle (the edges are acyclic). */
export function cycleThrough(edges: Edge[], from: string, to: string): string[] | null {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Depth-first from `to`: reaching `from` means from → to → … → from.
  const seen = new Set<string>();
  const walk = (node: string, path: string[]): string[] | null => {
    if (node === from) return path;
    if (seen.has(node)) return null;
    seen.add(node);
    for (const n of next.get(node) ?? []) {
      const found = walk(n, [...path, n]);
      if (found) return found;
    }
    return null;
  };
  return walk(to, [to]);
}

/** Which modules a learner has completed: every published lesson done (a module with none is open, not done). */
export function completedModules(modules: ModuleRow[], lessons: LessonRow[], doneLessons: Set<string>): Set<string> {
  return new Set(
    modules
      .filter((m) => {
        const published = lessons.filter((l) => l.module_id === m.id && l.published);
        return published.length > 0 && published.every((l) => doneLessons.has(l.id));
      })
      .map((m) => m.id),
  );
}

export type LockState = {
  courseLockedBy: Prerequisite[];
  modules: Map<string, { requires: string[]; lockedBy: Prerequisite[] }>;
  /** The course's modules and lessons as read for the check, so callers need not read them again. */
  outline: { modules: ModuleRow[]; lessons: LessonRow[] };
};

/** What still locks a course, and each of its modules, for this learner (editors: nothing). */
export async function lockStateOf(db: Db, schema: string, userId: string, courseId: string, canEdit: boolean): Promise<LockState> {
  const r = coursesRepository(db, schema);
  const [courseEdges, moduleEdges, modules, lessons] = await Promise.all([
    r.courseEdges(),
    r.moduleEdges(courseId),
    r.modules(courseId),
    r.lessons(courseId),
  ]);
  const requiredCourses = courseEdges.filter((e) => e.to === courseId).map((e) => e.from);
  const [doneCourses, doneLessons, titles] = await Promise.all([
    r.completedCourses(userId),
    r.completedLessons(userId, courseId),
    r.courseTitles(requiredCourses),
  ]);
  const doneModules = completedModules(modules, lessons, doneLessons);
  const moduleTitles = new Map(modules.map((m) => [m.id, m.title]));
  return {
    courseLockedBy: canEdit
      ? []
      : requiredCourses.filter((id) => !doneCourses.has(id)).map((id) => ({ kind: 'course', id, title: titles.get(id) ?? '' })),
    modules: new Map(
      modules.map((m) => {
        const requires = moduleEdges.filter((e) => e.to === m.id).map((e) => e.from);
        const lockedBy = canEdit
          ? []
          : requires.filter((id) => !doneModules.has(id)).map((id) => ({ kind: 'module' as const, id, title: moduleTitles.get(id) ?? '' }));
        return [m.id, { requires, lockedBy }];
      }),
    ),
    outline: { modules, lessons },
  };
}

export type PathsService = ReturnType<typeof createPathsService>;

export function createPathsService(deps: { db: Db; courses: CoursesService }) {
  const repo = (tenant: TenantContext, db: Db = deps.db) => coursesRepository(db, tenant.schema);

  /**
   * Replaces an item's prerequisites: each must be another item of the same set (`titles`), and
   * none may close a circle; checked and written in one transaction.
   */
  async function save(
    tenant: TenantContext,
    kind: 'course' | 'module',
    target: { courseId: string; id: string },
    requested: string[],
    titles: Map<string, string>,
  ) {
    const requires = [...new Set(requested)];
    requires.forEach((id, i) => {
      if (!titles.has(id) || id === target.id)
        throw invalidField('courses.prerequisite_not_found', `requires.${i}`, `does not match another ${kind} here`);
    });
    await deps.db.transaction().execute(async (trx) => {
      const r = repo(tenant, trx);
      const edges = kind === 'course' ? await r.courseEdges() : await r.moduleEdges(target.courseId);
      const others = edges.filter((e) => e.to !== target.id);
      for (const from of requires) {
        const cycle = cycleThrough(others, from, target.id);
        if (cycle) {
          const names = [from, ...cycle].map((n) => titles.get(n) ?? n);
          throw new AppError('conflict', 'courses.prerequisite_cycle', `That would make a circle: ${names.join(' → ')}`, {
            fields: [{ field: 'requires', message: `would make a circle through this ${kind}` }],
          });
        }
        others.push({ from, to: target.id });
      }
      await r.setPrerequisites(kind, target.id, requires);
      await recordAudit(trx, {
        action: 'course.prerequisites_set',
        targetType: 'course',
        targetId: target.courseId,
        institutionId: tenant.institutionId,
        after: kind === 'course' ? { requires } : { moduleId: target.id, requires },
      });
    });
  }

  return {
    async setCoursePrerequisites(tenant: TenantContext, userId: string, courseId: string, body: SetPrerequisitesBody) {
      await deps.courses.editable(tenant, userId, courseId);
      const titles = new Map((await repo(tenant).allCourses()).map((c) => [c.id, c.title]));
      await save(tenant, 'course', { courseId, id: courseId }, body.requires, titles);
    },

    async setModulePrerequisites(tenant: TenantContext, userId: string, courseId: string, moduleId: string, body: SetPrerequisitesBody) {
      await deps.courses.editable(tenant, userId, courseId);
      const modules = await repo(tenant).modules(courseId);
      if (!modules.some((m) => m.id === moduleId)) throw notFound('courses.module_not_found', 'Module');
      await save(tenant, 'module', { courseId, id: moduleId }, body.requires, new Map(modules.map((m) => [m.id, m.title])));
    },

    /** The courses the caller may see, with the prerequisites among them and where the caller stands. */
    async graph(tenant: TenantContext, userId: string): Promise<CourseGraph> {
      const visible = (await deps.courses.list(tenant, userId, { status: 'all', scope: 'all', limit: 100 })).items;
      const ids = new Set(visible.map((c) => c.id));
      const r = repo(tenant);
      const [edges, done] = await Promise.all([r.courseEdges(), r.completedCourses(userId)]);
      const titles = new Map(visible.map((c) => [c.id, c.title]));
      const shown = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
      return {
        nodes: visible.map((c) => ({
          id: c.id,
          title: c.title,
          status: c.status,
          completed: done.has(c.id),
          lockedBy: c.canEdit
            ? []
            : shown
                .filter((e) => e.to === c.id && !done.has(e.from))
                .map((e) => ({ kind: 'course', id: e.from, title: titles.get(e.from) ?? '' })),
        })),
        edges: shown,
      };
    },
  };
}
