// "Due soon" reminders: a published assignment with a due moment gets one queued reminder, a day
// before it is due (or at once when it is already closer). A worker takes due reminders off the
// global queue and tells every enrolled learner who has not handed in yet. The queue is global so
// one indexed query finds the due ones across every institution.
import { sql } from 'kysely';
import { type Db, rowsOf } from '../../platform/db/database.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { tenantSchemaName } from '../../platform/tenancy/tenancy.ts';
import { coursesRepository } from './courses.repository.ts';

const DAY_MS = 86_400_000;

/** Replaces the assignment's reminder: one a day before it is due, while it is published and not yet due. */
export async function scheduleReminder(
  trx: Db,
  institutionId: string,
  assignment: { id: string; published: boolean; due_at: Date | string | null },
  now = new Date(),
) {
  await sql`delete from courses.assignment_reminders where assignment_id = ${assignment.id}`.execute(trx);
  if (!assignment.published || assignment.due_at === null) return;
  const due = new Date(assignment.due_at).getTime();
  if (due <= now.getTime()) return;
  const remindAt = new Date(Math.max(now.getTime(), due - DAY_MS));
  await sql`insert into courses.assignment_reminders (assignment_id, institution_id, remind_at)
    values (${assignment.id}, ${institutionId}, ${remindAt})`.execute(trx);
}

export const cancelReminder = (trx: Db, assignmentId: string) =>
  sql`delete from courses.assignment_reminders where assignment_id = ${assignmentId}`.execute(trx);

/** One round of the worker: sends the reminders that are due; true when there were some. */
export async function sendDueReminders(db: Db, events: EventPublisher, limit = 20): Promise<boolean> {
  const due = await rowsOf(
    db,
    sql<{ assignment_id: string; institution_id: string }>`select assignment_id, institution_id from courses.assignment_reminders
      where remind_at <= now() order by remind_at limit ${limit}`,
  );
  for (const item of due) {
    const schema = tenantSchemaName(item.institution_id);
    await db.transaction().execute(async (trx) => {
      // Whoever takes it off the queue sends it; a second process finds it gone.
      const taken = await rowsOf(
        trx,
        sql`delete from courses.assignment_reminders where assignment_id = ${item.assignment_id} returning assignment_id`,
      );
      if (!taken.length) return;
      const [assignment] = await rowsOf(
        trx,
        sql<{ course_id: string; title: string; due_at: Date | string | null; published: boolean }>`select course_id, title, due_at,
          published from ${sql.table(`${schema}.assignments`)} where id = ${item.assignment_id}`,
      );
      if (!assignment?.published || !assignment.due_at || new Date(assignment.due_at).getTime() <= Date.now()) return;
      const learners = await coursesRepository(trx, schema).enrolledUserIds(assignment.course_id);
      const handedIn = new Set(
        (
          await rowsOf(
            trx,
            sql<{ user_id: string }>`select distinct user_id from ${sql.table(`${schema}.assignment_submissions`)}
              where assignment_id = ${item.assignment_id}`,
          )
        ).map((s) => s.user_id),
      );
      for (const userId of learners) {
        if (handedIn.has(userId)) continue;
        await events.publish(trx, {
          type: 'notifications.notification_requested',
          key: userId,
          tenantId: item.institution_id,
          payload: {
            userId,
            kind: 'courses.assignment_due_soon',
            title: `${assignment.title} is due soon`,
            body: `Due ${new Date(assignment.due_at).toISOString().slice(0, 16).replace('T', ' ')} UTC. Hand it in before then.`,
            link: `/institutions/${item.institution_id}/courses/${assignment.course_id}/assignments/${item.assignment_id}`,
            institutionId: item.institution_id,
          },
        });
      }
    });
  }
  return due.length > 0;
}
