import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Letter, Mailer } from '../../domain/mail.ts';
import type { Sms, SmsSender } from '../../domain/sms.ts';

export interface OutboxLetter extends Letter {
  readonly kind: 'mail';
  /** The links of the text part, for a developer (or a test) to follow. */
  readonly links: readonly string[];
  readonly time: Date;
}

export interface OutboxSms extends Sms {
  readonly kind: 'sms';
  /** Usually none: an SMS carries a code, but one with a link gets it listed like a letter's. */
  readonly links: readonly string[];
  readonly time: Date;
}

export type OutboxEntry = OutboxLetter | OutboxSms;

/** Takes both letters and SMS, so a development instance needs neither SMTP nor Twilio. */
export interface Outbox extends Mailer, SmsSender {
  send(message: Letter | Sms): Promise<void>;
  /** Letters and SMS, newest first. */
  entries(): readonly OutboxEntry[];
  /** The letters alone, newest first. */
  letters(): readonly OutboxLetter[];
}

/** What counts as a link in a text part; /dev/outbox makes the same ones clickable. */
export const LINK = /https?:\/\/[^\s<>"«»]+/g;

/**
 * The development stand-in for SMTP and Twilio: messages stay in memory for /dev/outbox (the newest `limit`, so a long
 * session does not grow the process) and are written to `dir` as JSON, where they outlive the process.
 */
export function createOutbox(options: { readonly dir: string; readonly limit?: number }): Outbox {
  const { dir, limit = 100 } = options;
  const entries: OutboxEntry[] = [];
  return {
    async send(message) {
      const links = message.text.match(LINK) ?? [];
      const time = new Date();
      const kept: OutboxEntry =
        'subject' in message ? { kind: 'mail', ...message, links, time } : { kind: 'sms', to: message.to, text: message.text, links, time };
      entries.unshift(kept);
      entries.splice(limit);
      await mkdir(dir, { recursive: true });
      // Named by time first, so a listing of the folder is in sending order.
      const file = `${time.toISOString().replace(/[:.]/g, '-')}-${kept.kind}-${randomUUID().slice(0, 8)}.json`;
      await writeFile(join(dir, file), `${JSON.stringify(kept, null, 2)}\n`);
    },
    entries: () => entries,
    letters: () => entries.filter((entry) => entry.kind === 'mail'),
  };
}
