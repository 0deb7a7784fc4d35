import type { Locale } from '../pki/messages.ts';
import type { AuditRepository } from './store.ts';

/** An e-mail as Kilt sends it: always both parts, so every mail client shows something readable. */
export type Letter = { readonly to: string; readonly subject: string; readonly text: string; readonly html: string };

/**
 * Mail behind a port: SMTP in production, the development outbox otherwise (src/adapters/mail). `send` rejects when
 * the letter was not accepted; the caller decides what to tell the person.
 */
export interface Mailer {
  send(letter: Letter): Promise<void>;
}

/** The letters Kilt writes and what each needs; `name`, when known, is how the greeting addresses the person. */
export interface LetterLocals {
  /** `link`: the single-use password-reset link, valid 1 hour. */
  readonly 'password-reset': { readonly name?: string; readonly link: string };
  /** `link`: the «Забыли пароль?» page, for a person whose password someone else changed. */
  readonly 'password-changed': { readonly name?: string; readonly link: string };
  /** `link`: the single-use registration confirmation link, valid 24 hours. */
  readonly 'registration-confirm': { readonly name?: string; readonly link: string };
  /** To the new address of an e-mail change: `link`, single-use and valid 24 hours, confirms it. */
  readonly 'email-change-confirm': { readonly name?: string; readonly link: string };
  /** To the account's address: a change to `newEmail` was asked for; `link` is the cabinet. */
  readonly 'email-change-requested': { readonly name?: string; readonly newEmail: string; readonly link: string };
  /** To an address asked for that already has an account; `link` is «Забыли пароль?». */
  readonly 'email-change-taken': { readonly name?: string; readonly link: string };
  /** The password was changed in the cabinet; `link` is «Забыли пароль?», for a person who did not change it. */
  readonly 'password-changed-in-cabinet': { readonly name?: string; readonly link: string };
}

export type LetterName = keyof LetterLocals;

/** A letter in the person's language, ready for `Mailer.send` once it has a recipient. */
export type RenderLetter = <N extends LetterName>(name: N, locale: Locale, locals: LetterLocals[N]) => Omit<Letter, 'to'>;

/**
 * Sends a letter whose failure is audited ('mail.failed' with the letter's kind), not reported: what it tells of has
 * already happened, or the form must answer alike whether it went out or not.
 */
export async function sendOrAudit<L>(
  deps: { send(letter: L): Promise<void>; readonly store: { readonly audit: AuditRepository }; clock(): Date },
  userId: string,
  letter: L,
  kind: string,
): Promise<void> {
  try {
    await deps.send(letter);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await deps.store.audit.record({ at: deps.clock(), type: 'mail.failed', userId, ip: null, details: { letter: kind, detail } });
  }
}
