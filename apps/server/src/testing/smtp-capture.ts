// A real SMTP server for tests (the `smtp-server` package) that keeps every message it receives,
// with the text and HTML parts of multipart/alternative mail decoded for assertions.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = { to: string[]; subject: string; raw: string; text: string | null; html: string | null };

export type SmtpCapture = {
  url: string;
  mails: CapturedMail[];
  /** Mail to `to`, optionally only those whose subject matches. */
  to(to: string, subject?: RegExp): CapturedMail[];
  /** Makes the server refuse (or accept again) every message. */
  refuse(on: boolean): void;
  close(): Promise<void>;
};

const decodeQuotedPrintable = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

function part(raw: string, type: string): string | null {
  const start = raw.search(new RegExp(`Content-Type: ${type}`, 'i'));
  if (start < 0) return null;
  const rest = raw.slice(start);
  const headerEnd = rest.search(/\r?\n\r?\n/);
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)?.[1];
  // A single-part mail's encoding header may come before its Content-Type: take the whole header block.
  const headers = boundary ? rest.slice(0, headerEnd) : raw.slice(0, raw.search(/\r?\n\r?\n/));
  const body = rest.slice(headerEnd).replace(/^\r?\n\r?\n/, '');
  const content = boundary ? (body.split(`\r\n--${boundary}`)[0] ?? '') : body;
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return decodeQuotedPrintable(content);
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  return content;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        if (refusing) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 }));
        const subject = decodeHeader(raw.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? '');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject,
          raw,
          text: part(raw, 'text/plain'),
          html: part(raw, 'text/html'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (to, subject) => mails.filter((m) => m.to.includes(to) && (!subject || subject.test(m.subject))),
    refuse: (on) => {
      refusing = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Unfolds a header and decodes RFC 2047 encoded words (nodemailer encodes non-ASCII subjects). */
function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
    .trim();
}
