// Helpers for the social integration tests: people with handles, connections, and the events published.
import { sql } from 'kysely';
import { signedUpClient } from '../../testing/factories.ts';
import { type TestPlatform, unique } from '../../testing/test-platform.ts';

export type Person = Awaited<ReturnType<typeof signedUpClient>> & { handle: string };

export async function person(t: TestPlatform, name: string): Promise<Person> {
  const p = await signedUpClient(t, name);
  const handle = unique(`${name.toLowerCase()}_`).slice(0, 30);
  await p.client.social.updateProfile({ handle });
  return { ...p, handle };
}

export async function connect(a: { client: Person['client'] }, b: { id: string; client: Person['client'] }) {
  const request = await a.client.social.requestConnection({ userId: b.id });
  await b.client.social.acceptRequest(request.id);
}

/** Payloads of the events of `type` published so far. */
export async function published<T = Record<string, unknown>>(t: TestPlatform, type: string): Promise<T[]> {
  const { rows } = await sql<{ payload: T | string }>`select payload from events.outbox where type = ${type} order by seq`.execute(
    t.platform.database.db,
  );
  return rows.map((r) => (typeof r.payload === 'string' ? (JSON.parse(r.payload) as T) : r.payload));
}

/** A 32×32 PNG, the smallest a profile picture may be. */
export const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAR0lEQVR4AcXBAQEAIAyAME4lO5nWTj4G25z7PiGJSUxiEpOYxCQmMYlJTGISk5jEJCYxiUlMYhKTmMQkJjGJSUxiEpOYxCS2m5kCpFRWhecAAAAASUVORK5CYII=',
  'base64',
);
