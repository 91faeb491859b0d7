import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { latestToken, problemOf, signedUpClient } from '../../testing/factories.ts';
import { dbLabel, newEmail, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

describe(`identity on ${dbLabel()}`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: '3' } });
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('registers, signs in and answers /me; the password is stored as argon2id', async () => {
    const client = t.client();
    const email = newEmail();
    const auth = await client.auth.register({ email: email.toUpperCase(), password: PASSWORD, displayName: ' Ada ' });
    expect(auth.user).toMatchObject({ email, displayName: 'Ada', emailVerified: false });
    expect(auth.refreshToken).toBeTruthy();
    expect(await client.me.get()).toMatchObject({ id: auth.user.id, email });

    const { rows } = await t.platform.database.db
      .selectFrom('identity.users')
      .select('password_hash')
      .where('id', '=', auth.user.id)
      .execute()
      .then((r) => ({ rows: r }));
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);

    const other = t.client();
    const login = await other.auth.login({ email, password: PASSWORD });
    expect(login.user.id).toBe(auth.user.id);
  });

  it('refuses a duplicate email with 409 naming the field, and weak passwords with 400', async () => {
    const { email } = await signedUpClient(t);
    const dup = await problemOf(t.client().auth.register({ email, password: PASSWORD, displayName: 'Again' }));
    expect(dup.status).toBe(409);
    expect(dup.problem.errors).toEqual([{ field: 'email', message: 'is already registered' }]);

    const weak = await problemOf(t.client().auth.register({ email: newEmail(), password: 'password123', displayName: 'Weak' }));
    expect(weak.status).toBe(400);
    expect(weak.problem.errors?.[0]?.field).toBe('password');
  });

  it('rejects a wrong password without saying whether the account exists', async () => {
    const { email } = await signedUpClient(t);
    const wrong = await problemOf(t.client().auth.login({ email, password: 'not the password at all' }));
    const nobody = await problemOf(t.client().auth.login({ email: newEmail(), password: 'not the password at all' }));
    expect(wrong.status).toBe(401);
    expect(nobody.problem.code).toBe(wrong.problem.code);
    expect(nobody.problem.detail).toBe(wrong.problem.detail);
  });

  it('concurrent refreshes with one token (two tabs) all succeed within the grace window', async () => {
    const { client } = await signedUpClient(t);
    const token = client.refreshToken as string;
    const refresh = () =>
      fetch(`${t.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });
    const results = await Promise.all([refresh(), refresh(), refresh()]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await client.me.get()).toBeTruthy();
  });

  it('rotates refresh tokens, and reuse of a spent one (after the grace window) revokes the whole session', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { client } = await signedUpClient(t);
    const first = client.refreshToken as string;
    const renewed = await client.auth.refresh();
    vi.setSystemTime(Date.now() + 11_000);
    expect(renewed?.refreshToken).toBeTruthy();
    expect(renewed?.refreshToken).not.toBe(first);
    expect(await client.me.get()).toBeTruthy();

    // A thief replays the spent token: refused, and the legitimate holder is signed out too.
    const thief = await fetch(`${t.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: first }),
    });
    expect(thief.status).toBe(401);
    expect(((await thief.json()) as { code: string }).code).toBe('auth.refresh_token_reused');
    const revoked = await problemOf(client.me.get());
    expect(revoked.status).toBe(401);
    expect(revoked.problem.code).toBe('auth.session_revoked');
    expect((await problemOf(client.auth.refresh())).status).toBe(401);
    vi.useRealTimers();
  });

  it('keeps the refresh token in an httpOnly SameSite cookie for web clients', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token-transport': 'cookie' },
      body: JSON.stringify({ email: newEmail(), password: PASSWORD, displayName: 'Web' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { refreshToken?: string };
    expect(body.refreshToken).toBeUndefined();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/edumatrix_rt=[\w-]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const refreshed = await fetch(`${t.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'x-token-transport': 'cookie', cookie: cookie.split(';')[0] as string },
    });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { accessToken: string }).accessToken).toBeTruthy();
  });

  it('an expired access token does not stand in the way of refresh or logout', async () => {
    const { client } = await signedUpClient(t);
    const expired = client.accessToken as string;
    const refreshToken = client.refreshToken as string;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60_000);
    const post = (path: string, body: unknown) =>
      fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${expired}` },
        body: JSON.stringify(body),
      });
    expect((await fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    const next = ((await refreshed.json()) as { refreshToken: string }).refreshToken;
    expect((await post('/api/v1/auth/logout', { refreshToken: next })).status).toBe(204);
    expect((await post('/api/v1/auth/refresh', { refreshToken: next })).status).toBe(401);
  });

  it('logs out: the session ends and its tokens stop working', async () => {
    const { client } = await signedUpClient(t);
    const refreshToken = client.refreshToken as string;
    const accessToken = client.accessToken as string;
    await client.auth.logout();
    const me = await fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(401);
    const refresh = await fetch(`${t.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('changing the password signs out the other sessions but not this one', async () => {
    const { client, email } = await signedUpClient(t);
    const laptop = t.client();
    await laptop.auth.login({ email, password: PASSWORD });
    expect((await client.me.sessions()).items).toHaveLength(2);

    const wrong = await problemOf(client.me.changePassword({ currentPassword: 'wrong password here', newPassword: 'a new passphrase 42' }));
    expect(wrong.problem.errors?.[0]?.field).toBe('currentPassword');

    await client.me.changePassword({ currentPassword: PASSWORD, newPassword: 'a new passphrase 42' });
    expect(await client.me.get()).toBeTruthy();
    expect((await problemOf(laptop.me.get())).status).toBe(401);
    const sessions = await client.me.sessions();
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0]?.current).toBe(true);
    await t.client().auth.login({ email, password: 'a new passphrase 42' });
  });

  it('lists and revokes own sessions, and cannot revoke somebody else’s', async () => {
    const { client, email } = await signedUpClient(t);
    const phone = t.client();
    await phone.auth.login({ email, password: PASSWORD });
    const { items } = await client.me.sessions();
    const other = items.find((s) => !s.current);
    expect(other).toBeTruthy();

    const stranger = await signedUpClient(t);
    expect((await problemOf(stranger.client.me.revokeSession(other?.id as string))).status).toBe(404);

    await client.me.revokeSession(other?.id as string);
    expect((await problemOf(phone.me.get())).problem.code).toBe('auth.session_revoked');
  });

  it('verifies the email with a single-use token', async () => {
    const { client, email } = await signedUpClient(t);
    const token = latestToken(t, email, 'verify-email');
    await client.auth.verifyEmail(token);
    expect((await client.me.get()).emailVerified).toBe(true);
    const again = await problemOf(client.auth.verifyEmail(token));
    expect(again.status).toBe(410);
    expect((await problemOf(client.auth.verifyEmail('made-up-token'))).status).toBe(410);
    expect((await problemOf(client.auth.resendVerification())).status).toBe(409);
  });

  it('resets a forgotten password with a single-use token and signs out every session', async () => {
    const { client, email } = await signedUpClient(t);
    const anonymous = t.client();
    await anonymous.auth.requestPasswordReset(email);
    await anonymous.auth.requestPasswordReset(newEmail()); // unknown address: same answer, no mail
    const token = latestToken(t, email, 'reset-password');
    await anonymous.auth.resetPassword({ token, newPassword: 'brand new secret 77' });
    expect((await problemOf(client.me.get())).status).toBe(401);
    expect((await problemOf(anonymous.auth.resetPassword({ token, newPassword: 'another secret 88' }))).status).toBe(410);
    const back = await anonymous.auth.login({ email, password: 'brand new secret 77' });
    expect(back.user.emailVerified).toBe(true);
  });

  it('rate limits sign-in attempts per account with 429 and Retry-After', async () => {
    const { email } = await signedUpClient(t);
    for (let i = 0; i < 3; i++) {
      expect((await problemOf(t.client().auth.login({ email, password: 'wrong password!' }))).status).toBe(401);
    }
    const res = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects expired and forged access tokens', async () => {
    const forged = await fetch(`${t.url}/api/v1/me`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe('auth.invalid_token');
    const none = await fetch(`${t.url}/api/v1/me`);
    expect(none.status).toBe(401);
  });
});
