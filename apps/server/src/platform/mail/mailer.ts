// The mail port: SMTP when SMTP_URL is set; otherwise mail is logged and kept for GET /api/v1/dev/mail.
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { Logger } from '../observability/logger.ts';
import type { DependencyPolicy } from '../resilience/resilience.ts';

export type MailMessage = { to: string; subject: string; text: string };
export type SentMail = MailMessage & { id: string; sentAt: string };

export type Mailer = {
  /**
   * Sends after the caller's transaction has committed. A failure is logged, never thrown: the
   * action stands and the person can ask again (resend, re-invite). The event outbox will add retries.
   */
  send(message: MailMessage): Promise<void>;
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
    return {
      outbox: null,
      async send(message) {
        try {
          await policy.execute(() => transport.sendMail({ from: options.from, ...message }));
        } catch (err) {
          options.log.error({ err, to: message.to, subject: message.subject }, 'mail could not be sent');
        }
      },
    };
  }
  const outbox: SentMail[] = [];
  return {
    outbox,
    async send(message) {
      outbox.push({ ...message, id: uuidv7(), sentAt: new Date().toISOString() });
      if (outbox.length > OUTBOX_SIZE) outbox.shift();
      options.log.info({ to: message.to, subject: message.subject }, `mail (not sent, no SMTP_URL):\n${message.text}`);
    },
  };
}
