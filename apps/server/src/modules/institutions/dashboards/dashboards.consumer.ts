// The `dashboards` consumer group: keeps each institution's aggregates in step with its events, so
// a dashboard reads a few small rows instead of scanning registers, marks and sessions per view.
// The platform applies each event once per group; beyond that every write here replaces a keyed
// row, so the same change published twice (or replayed from the log) does not count twice.
import type { EventEnvelope, EventPayload } from '@edumatrix/contracts';
import type { Db } from '../../../platform/db/database.ts';
import type { Consumer } from '../../../platform/events/consumer.ts';
import { zonedToday } from '../../../platform/time/zoned.ts';
import { aggregatesRepository, registryRepository } from './dashboards.repository.ts';

export const DASHBOARD_EVENT_TYPES = [
  'institutions.enrolment_changed',
  'institutions.people_changed',
  'institutions.roster_imported',
  'institutions.attendance_taken',
  'institutions.grade_updated',
  'institutions.assessment_changed',
  'institutions.institution_provisioned',
  'institutions.member_joined',
  'institutions.member_removed',
  'identity.user_active',
] as const;

type Handled = (typeof DASHBOARD_EVENT_TYPES)[number];
const payloadOf = <T extends Handled>(event: EventEnvelope, _type: T) => event.payload as EventPayload<T>;

export function dashboardsConsumer(): Consumer {
  /** The institution's aggregates, and the local day the event happened on there. */
  async function tenant(trx: Db, institutionId: string, occurredAt: string) {
    const found = await registryRepository(trx).institution(institutionId);
    if (!found) return null;
    return { aggregates: aggregatesRepository(trx, found.schema), day: zonedToday(found.timezone, new Date(occurredAt)) };
  }

  async function handle(event: EventEnvelope, trx: Db) {
    const type = event.type as Handled;
    if (type === 'identity.user_active') {
      // Activity is platform-wide; each institution of the user counts it on its own local day.
      const { userId } = payloadOf(event, type);
      for (const i of await registryRepository(trx).institutionsOf(userId)) {
        await aggregatesRepository(trx, i.schema).applyActive(userId, zonedToday(i.timezone, new Date(event.occurredAt)));
      }
      return;
    }
    const institutionId = (event.payload as { institutionId?: string }).institutionId;
    const at = institutionId ? await tenant(trx, institutionId, event.occurredAt) : null;
    if (!at) return;
    const { aggregates } = at;
    switch (type) {
      case 'institutions.enrolment_changed':
        await aggregates.recountClass(payloadOf(event, type).classId);
        break;
      case 'institutions.people_changed': {
        const p = payloadOf(event, type);
        // A deleted student's enrolments went with them, so which classes held them is unknown.
        if (p.kind === 'students' && p.action === 'deleted') await aggregates.recountAll();
        else if (p.kind === 'students') await aggregates.recountClassesOf(p.id);
        break;
      }
      case 'institutions.roster_imported':
        await aggregates.recountAll();
        break;
      case 'institutions.attendance_taken':
        await aggregates.applyRegister(payloadOf(event, type), event.occurredAt);
        break;
      case 'institutions.grade_updated':
        await aggregates.applyMark(payloadOf(event, type), event.occurredAt);
        break;
      case 'institutions.assessment_changed':
        await aggregates.applyAssessment(payloadOf(event, type));
        break;
      // Creating an institution or joining one is activity too (before any renewal says so).
      case 'institutions.institution_provisioned':
        await aggregates.applyActive(payloadOf(event, type).ownerId, at.day);
        break;
      case 'institutions.member_joined':
        await aggregates.applyActive(payloadOf(event, type).userId, at.day);
        break;
      case 'institutions.member_removed':
        await aggregates.forgetMember(payloadOf(event, type).userId);
        break;
    }
  }

  return { group: 'dashboards', types: DASHBOARD_EVENT_TYPES, handle };
}
