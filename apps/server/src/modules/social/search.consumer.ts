// The `social-search` consumer group keeps the people index in step with identity's names. A new
// group starts at the beginning of the event log, so everyone registered before it is indexed too.
import type { EventEnvelope, EventPayload } from '@edumatrix/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Consumer } from '../../platform/events/consumer.ts';

export function searchIndexConsumer(): Consumer {
  return {
    group: 'social-search',
    types: ['identity.user_registered', 'identity.user_renamed'],
    async handle(event: EventEnvelope, trx: Db) {
      const p = event.payload as EventPayload<'identity.user_registered'>;
      await sql`insert into social.people_index (user_id, name) values (${p.userId}, ${p.displayName})
        on conflict (user_id) do update set name = excluded.name, updated_at = now()`.execute(trx);
    },
  };
}
