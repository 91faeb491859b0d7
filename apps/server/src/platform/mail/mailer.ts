// The mail port: SMTP when SMTP_URL is set; otherwise mail is logged and kept for GET /api/v1/dev/mail.
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { Logger } from '../observability/logger.ts';
import type { DependencyPolicy } from '../resilience/resilience.ts';

/** `html`, when given, is sent as the alternative to `text` (multipart/alternative). */
export type MailMessage = { to: string; subject: string; text: string; html?: string };
export type SentMail = MailMessage & { id: string; sentAt: string };

export type Mailer = {
  /**
   * Sends after the caller's transaction has committed. A failure is logged, never thrown: the
   * action stands and the person can ask again (resend, re-invite). The event outbox will add retries.
   */
  send(message: MailMessage): Promise<void>;
  /** Sends now and throws when it could not: for queued senders that retry on their own schedule. */
  deliver(message: MailMessage): Promise<void>;
  /** Only the development mailer keeps what it sent. */
  outbox: SentMail[] | null;
};

const OUTBOX_SIZE = 500;

export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  log: Logger;
  /** The outbound policy for SMTP, asked for only when SMTP is configured. */
  policy: () => DependencyPolicy;
}): Mailer {
  if (options.smtpUrl) {
    const policy = options.policy();
    const transport = nodemailer.createTransport(options.smtpUrl);
    const deliver = async (message: MailMessage) => {
      await policy.execute(() => transport.sendMail({ from: options.from, ...message }));
    };
    return {
      outbox: null,
      deliver,
      async send(message) {
        try {
          await deliver(message);
        } catch (err) {
          options.log.error({ err, to: message.to, subject: message.subject }, 'mail could not be sent');
        }
      },
    };
  }
  const outbox: SentMail[] = [];
  const keep = async (message: MailMessage) => {
    outbox.push({ ...message, id: uuidv7(), sentAt: new Date().toISOString() });
    if (outbox.length > OUTBOX_SIZE) outbox.shift();
    options.log.info({ to: message.to, subject: message.subject }, `mail (not sent, no SMTP_URL):\n${message.text}`);
  };
  return { outbox, send: keep, deliver: keep };
}
