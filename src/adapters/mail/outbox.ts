import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Letter, Mailer } from '../../domain/mail.ts';

export interface OutboxLetter extends Letter {
  readonly kind: 'mail';
  /** The links of the text part, for a developer (or a test) to follow. */
  readonly links: readonly string[];
  readonly time: Date;
}

export interface Outbox extends Mailer {
  /** Newest first. */
  letters(): readonly OutboxLetter[];
}

/** What counts as a link in a text part; /dev/outbox makes the same ones clickable. */
export const LINK = /https?:\/\/[^\s<>"«»]+/g;

/**
 * The development stand-in for SMTP: letters stay in memory for /dev/outbox (the newest `limit`, so a long session does
 * not grow the process) and are written to `dir` as JSON, where they outlive the process.
 */
export function createOutbox(options: { readonly dir: string; readonly limit?: number }): Outbox {
  const { dir, limit = 100 } = options;
  const letters: OutboxLetter[] = [];
  return {
    async send(letter) {
      const kept: OutboxLetter = { kind: 'mail', ...letter, links: letter.text.match(LINK) ?? [], time: new Date() };
      letters.unshift(kept);
      letters.splice(limit);
      await mkdir(dir, { recursive: true });
      // Named by time first, so a listing of the folder is in sending order.
      const file = `${kept.time.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.json`;
      await writeFile(join(dir, file), `${JSON.stringify(kept, null, 2)}\n`);
    },
    letters: () => letters,
  };
}
