// The `courses` consumer group: keeps class-roster enrolments in step with the Hub's classes, and
// the global catalogue in step with public, published courses.
import type { EventEnvelope, EventPayload } from '@edumatrix/contracts';
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository } from './courses.repository.ts';
import { publishEnrolment, syncRoster } from './enrolment.service.ts';

export const COURSES_EVENT_TYPES = [
  'institutions.enrolment_changed',
  'institutions.people_changed',
  'institutions.roster_imported',
  'courses.course_changed',
] as const;
type Handled = (typeof COURSES_EVENT_TYPES)[number];
const payloadOf = <T extends Handled>(event: EventEnvelope, _type: T) => event.payload as EventPayload<T>;

async function syncClasses(trx: Db, events: EventPublisher, institutionId: string, classIds: string[] | 'all') {
  const schema = tenantSchemaName(institutionId);
  const r = coursesRepository(trx, schema);
  const pairs =
    classIds === 'all'
      ? await rowsOf(
          trx,
          sql<{
            course_id: string;
            class_id: string;
          }>`select course_id, class_id from ${sql.table(`${schema}.course_classes`)} where roster`,
        )
      : (
          await Promise.all(
            classIds.map(async (classId) => (await r.rosterCourses(classId)).map((course_id) => ({ course_id, class_id: classId }))),
          )
        ).flat();
  for (const { course_id, class_id } of pairs) {
    await publishEnrolment(events, trx, institutionId, course_id, await syncRoster(trx, schema, course_id, class_id));
  }
}

async function updateCatalogue(trx: Db, p: EventPayload<'courses.course_changed'>) {
  const listed = p.action !== 'deleted' && p.status === 'published' && p.visibility === 'public' && p.publishedAt;
  if (!listed) {
    await sql`delete from courses.catalogue where course_id = ${p.courseId}`.execute(trx);
    return;
  }
  await sql`insert into courses.catalogue (course_id, institution_id, institution_name, title, summary, published_at, updated_at)
    values (${p.courseId}, ${p.institutionId}, ${p.institutionName}, ${p.title}, ${p.summary}, ${p.publishedAt}, now())
    on conflict (course_id) do update set institution_name = excluded.institution_name, title = excluded.title,
      summary = excluded.summary, published_at = excluded.published_at, updated_at = now()`.execute(trx);
}

export function coursesConsumer(deps: { events: EventPublisher }): Consumer {
  async function handle(event: EventEnvelope, trx: Db) {
    const type = event.type as Handled;
    switch (type) {
      case 'institutions.enrolment_changed': {
        const p = payloadOf(event, type);
        await syncClasses(trx, deps.events, p.institutionId, [p.classId]);
        break;
      }
      case 'institutions.people_changed': {
        const p = payloadOf(event, type);
        if (p.kind !== 'students') break;
        // A deleted student's class enrolments went with them, so which classes held them is unknown.
        const classIds =
          p.action === 'deleted' ? 'all' : await coursesRepository(trx, tenantSchemaName(p.institutionId)).classesOfStudent(p.id);
        await syncClasses(trx, deps.events, p.institutionId, classIds);
        break;
      }
      case 'institutions.roster_imported':
        await syncClasses(trx, deps.events, payloadOf(event, type).institutionId, 'all');
        break;
      case 'courses.course_changed':
        await updateCatalogue(trx, payloadOf(event, type));
        break;
    }
  }
  return { group: 'courses', types: COURSES_EVENT_TYPES, handle };
}
