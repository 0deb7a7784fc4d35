import type { Mailer } from '../../domain/mail.ts';
import { type Outbox, createOutbox } from './outbox.ts';
import { type SmtpSettings, smtpMailer } from './smtp-mailer.ts';

export interface MailSettings {
  readonly smtp: SmtpSettings | undefined;
  readonly outboxDir: string;
}

/** SMTP when configured; otherwise the outbox, which production never gets (it requires SMTP_URL). */
export function openMailer(settings: MailSettings): { readonly mailer: Mailer; readonly outbox?: Outbox } {
  if (settings.smtp) return { mailer: smtpMailer(settings.smtp) };
  const outbox = createOutbox({ dir: settings.outboxDir });
  return { mailer: outbox, outbox };
}
