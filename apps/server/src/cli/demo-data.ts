import { createClient } from '@edumatrix/client';
import type { CreateInstitutionBody, InstitutionRole } from '@edumatrix/contracts';
import type { Platform } from '../platform.ts';

export const DEMO_PASSWORD = 'edumatrix-demo-2026';
export const DEMO_INSTITUTION: CreateInstitutionBody = {
  name: 'Greenfield Demo School',
  slug: 'greenfield-demo',
  type: 'school',
  country: 'PK',
  timezone: 'Asia/Karachi',
};
export const DEMO_USERS: { role: InstitutionRole | 'operator'; email: string; displayName: string }[] = [
  { role: 'owner', email: 'owner@demo.edumatrix.local', displayName: 'Olivia Owner' },
  { role: 'admin', email: 'admin@demo.edumatrix.local', displayName: 'Adam Admin' },
  { role: 'teacher', email: 'teacher@demo.edumatrix.local', displayName: 'Tara Teacher' },
  { role: 'student', email: 'student@demo.edumatrix.local', displayName: 'Sami Student' },
  { role: 'staff', email: 'staff@demo.edumatrix.local', displayName: 'Stella Staff' },
  { role: 'parent', email: 'parent@demo.edumatrix.local', displayName: 'Parveen Parent' },
  { role: 'operator', email: 'operator@demo.edumatrix.local', displayName: 'Omar Operator' },
];

/** Seeds through the real HTTP API (in-process), so the demo data obeys every rule real data does. */
export async function seedDemo(platform: Platform): Promise<{ created: boolean }> {
  const { app } = platform;
  if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
  const bound = app.server.address();
  const address = `http://127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`;
  const client = () => createClient({ baseUrl: address });
  const owner = client();
  const mailedToken = (to: string, path: string) => {
    const mail = [...(platform.mailer.outbox ?? [])].reverse().find((m) => m.to === to && m.text.includes(path));
    const token = mail?.text.match(/token=([\w-]+)/)?.[1];
    if (!token) throw new Error(`demo mail to ${to} was not kept (is SMTP_URL set? unset it for seeding)`);
    return token;
  };
  const ownerUser = DEMO_USERS[0] as (typeof DEMO_USERS)[number];
  try {
    await owner.auth.login({ email: ownerUser.email, password: DEMO_PASSWORD });
    return { created: false };
  } catch {
    // Not seeded yet.
  }
  await owner.auth.register({ email: ownerUser.email, password: DEMO_PASSWORD, displayName: ownerUser.displayName });
  await owner.auth.verifyEmail(mailedToken(ownerUser.email, 'verify-email'));
  const institution = await owner.institutions.create(DEMO_INSTITUTION);
  await owner.institutions.update(institution.id, {
    description: 'A demonstration school: sign in as any role to look around.',
    website: 'https://example.org',
  });
  for (const user of DEMO_USERS.slice(1)) {
    if (user.role === 'operator') {
      const operator = client();
      const auth = await operator.auth.register({ email: user.email, password: DEMO_PASSWORD, displayName: user.displayName });
      await operator.auth.verifyEmail(mailedToken(user.email, 'verify-email'));
      await platform.identity.setPlatformRoles(auth.user.id, ['operator']);
      continue;
    }
    await owner.institutions.invite(institution.id, { email: user.email, role: user.role });
    const token = mailedToken(user.email, 'invitations/accept');
    await client().invitations.accept({ token, password: DEMO_PASSWORD, displayName: user.displayName });
  }
  return { created: true };
}
