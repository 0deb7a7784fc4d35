import type { Locale } from '../pki/messages.ts';

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
}

export type LetterName = keyof LetterLocals;

/** A letter in the person's language, ready for `Mailer.send` once it has a recipient. */
export type RenderLetter = <N extends LetterName>(name: N, locale: Locale, locals: LetterLocals[N]) => Omit<Letter, 'to'>;
