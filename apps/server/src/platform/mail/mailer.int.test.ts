// With SMTP_URL set, mail leaves through SMTP (here a real SMTP server in-process), and the
// development outbox route does not exist.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbLabel, newEmail, PASSWORD, startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

type Received = { from: string; to: string[]; raw: string };

describe(`mail over SMTP on ${dbLabel()}`, () => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let t: TestPlatform;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => {
          raw += chunk.toString('utf8');
        });
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestPlatform({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'EDU Matrix <no-reply@edumatrix.test>' } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the verification mail through SMTP, and hides the dev outbox', async () => {
    const email = newEmail();
    await t.client().auth.register({ email, password: PASSWORD, displayName: 'Smtp User' });
    expect(received).toHaveLength(1);
    expect(received[0]?.from).toBe('no-reply@edumatrix.test');
    expect(received[0]?.to).toEqual([email]);
    expect(received[0]?.raw).toMatch(/Subject: Confirm your email address/);
    expect(received[0]?.raw.replace(/=\r\n/g, '')).toMatch(/verify-email\?token=3D[\w-]+|verify-email\?token=[\w-]+/);
    expect((await fetch(`${t.url}/api/v1/dev/mail`)).status).toBe(404);
  });

  it('an SMTP outage does not fail the action; the breaker opens, shows in metrics and readiness, and closes when SMTP is back', async () => {
    const probe = new SMTPServer({ authOptional: true });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.server.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const down = await startTestPlatform({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        OUTBOUND_ATTEMPTS: '1',
        OUTBOUND_BREAKER_THRESHOLD: '2',
        OUTBOUND_BREAKER_HALF_OPEN_MS: '300',
      },
    });
    const back = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push({ from: '', to: session.envelope.rcptTo.map((r) => r.address), raw: '' });
          callback();
        });
      },
    });
    try {
      for (let i = 0; i < 2; i++) {
        const client = down.client();
        const auth = await client.auth.register({ email: newEmail(), password: PASSWORD, displayName: 'No Mail' });
        expect((await client.me.get()).id).toBe(auth.user.id);
      }
      expect(await (await fetch(`${down.url}/metrics`)).text()).toMatch(/edumatrix_circuit_breaker_state\{dependency="smtp"\} 1/);
      expect(((await (await fetch(`${down.url}/health/ready`)).json()) as { breakers: Record<string, string> }).breakers).toEqual({
        smtp: 'open',
      });

      await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', resolve));
      await new Promise((r) => setTimeout(r, 400));
      const email = newEmail();
      await down.client().auth.register({ email, password: PASSWORD, displayName: 'Mail Again' });
      expect(received.some((m) => m.to.includes(email))).toBe(true);
      expect(((await (await fetch(`${down.url}/health/ready`)).json()) as { breakers: Record<string, string> }).breakers).toEqual({
        smtp: 'closed',
      });
    } finally {
      await down.close();
      await new Promise<void>((resolve) => back.close(() => resolve()));
    }
  });
});
