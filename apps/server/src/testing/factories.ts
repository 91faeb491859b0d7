// Factories for integration tests: each builds fresh, independent data through the public API.
import { type ApiClient, ApiError } from '@edumatrix/client';
import type { CreateInstitutionBody, InstitutionRole } from '@edumatrix/contracts';
import { newEmail, PASSWORD, type TestPlatform, unique } from './test-platform.ts';

export async function signedUpClient(
  t: TestPlatform,
  displayName = 'Test User',
): Promise<{ client: ApiClient; email: string; id: string }> {
  const client = t.client();
  const email = newEmail();
  const auth = await client.auth.register({ email, password: PASSWORD, displayName });
  return { client, email, id: auth.user.id };
}

export function institutionBody(overrides: Partial<CreateInstitutionBody> = {}): CreateInstitutionBody {
  return { name: 'Greenfield High', slug: unique('gf-'), type: 'school', country: 'PK', timezone: 'Asia/Karachi', ...overrides };
}

export async function createInstitution(owner: ApiClient, overrides: Partial<CreateInstitutionBody> = {}) {
  return owner.institutions.create(institutionBody(overrides));
}

/** Invites a new person with `role` and has them accept by creating their account. */
export async function addMember(t: TestPlatform, owner: ApiClient, institutionId: string, role: InstitutionRole) {
  const email = newEmail();
  await owner.institutions.invite(institutionId, { email, role });
  const token = latestToken(t, email, 'invitations/accept');
  const client = t.client();
  const result = await client.invitations.accept({ token, password: PASSWORD, displayName: `${role} person` });
  return { client, email, id: result.auth?.user.id as string };
}

/** The token of the newest link mailed to `to` whose path contains `path`. */
export function latestToken(t: TestPlatform, to: string, path: string): string {
  const mail = [...(t.platform.mailer.outbox ?? [])].reverse().find((m) => m.to === to && m.text.includes(path));
  const token = mail?.text.match(/token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no ${path} mail to ${to}`);
  return token;
}

/** The problem an API call failed with; fails the test if the call succeeded. */
export async function problemOf(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

/** A failed call as status, problem code and the fields it names: what most validation tests compare. */
export async function problemSummary(promise: Promise<unknown>) {
  const err = await problemOf(promise);
  return { status: err.status, code: err.problem.code, fields: err.problem.errors?.map((e) => e.field) ?? [] };
}

/** Polls until `check` returns true (or a value), failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
