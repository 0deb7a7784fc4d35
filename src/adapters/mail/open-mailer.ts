import type { Mailer } from '../../domain/mail.ts';
import { type Outbox, createOutbox } from './outbox.ts';
import type { SmtpSettings } from './smtp-mailer.ts';

export interface MailSettings {
  readonly smtp: SmtpSettings | undefined;
  readonly outboxDir: string;
}

/**
 * SMTP when configured; otherwise the outbox, which production never gets (it requires SMTP_URL). nodemailer is
 * imported only for SMTP: a development instance or a memory-store process without it stays about 4 MB smaller.
 */
export async function openMailer(settings: MailSettings): Promise<{ readonly mailer: Mailer; readonly outbox?: Outbox }> {
  if (settings.smtp) return { mailer: (await import('./smtp-mailer.ts')).smtpMailer(settings.smtp) };
  const outbox = createOutbox({ dir: settings.outboxDir });
  return { mailer: outbox, outbox };
}
