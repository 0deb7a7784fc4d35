import nodemailer from 'nodemailer';
import type { Mailer } from '../../domain/mail.ts';

export interface SmtpSettings {
  /** smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start); nodemailer reads options from the query. */
  readonly url: string;
  /** The sender, e.g. `Kilt <no-reply@kilt.kz>`. */
  readonly from: string;
}

/** Connecting, the greeting and each later reply get this long: a person is waiting on a form for the answer. */
const TIMEOUT_MS = 10_000;

/**
 * Mail through an SMTP server. A connection per letter rather than a pool: Kilt sends few letters and a pool would be one
 * more thing to close at shutdown. Rejects when the server refuses the letter or stays silent past the timeout.
 */
export function smtpMailer(settings: SmtpSettings, timeoutMs = TIMEOUT_MS): Mailer {
  const transport = nodemailer.createTransport(
    { url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs },
    { from: settings.from },
  );
  return {
    async send({ to, subject, text, html }) {
      await transport.sendMail({ to, subject, text, html });
    },
  };
}
