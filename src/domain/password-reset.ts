import type { Locale } from '../pki/messages.ts';
import { KiltError } from './kilt-error.ts';
import { sendOrAudit } from './mail.ts';
import { linkSecretHash, newLinkSecret } from './link-secret.ts';
import type { PasswordHasher } from './passwords.ts';
import { normalizeEmail } from './users/email.ts';
import { RateLimitedError, type RateLimiter, type Store } from './store.ts';

export const RESET_LINK_TTL_MS = 60 * 60_000;

export type PasswordResetLetter =
  | { readonly name: 'password-reset'; readonly to: string; readonly locale: Locale; readonly link: string }
  | { readonly name: 'password-changed'; readonly to: string; readonly locale: Locale };

export interface PasswordResetDependencies {
  readonly store: Pick<Store, 'users' | 'oneTimeTokens' | 'audit' | 'endSessions'>;
  readonly passwords: PasswordHasher;
  /** Letters per e-mail address, so that nobody can flood a mailbox through the form. */
  readonly letters: RateLimiter;
  readonly send: (letter: PasswordResetLetter) => Promise<void>;
  /** Where the links point: the issuer's origin. */
  readonly origin: string;
  readonly clock: () => Date;
}

export type PasswordErrorCode = 'password.too_short' | 'password.too_simple' | 'password.mismatch' | 'reset.link_invalid';

export class PasswordError extends KiltError<PasswordErrorCode> {
  override name = 'PasswordError';
}

/** The rules shown before submit on every form that sets a password. */
export function checkNewPassword(password: string, confirmation: string): void {
  if (password.length < 8) throw new PasswordError('password.too_short');
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) throw new PasswordError('password.too_simple');
  if (password !== confirmation) throw new PasswordError('password.mismatch');
}

/**
 * «Забыли пароль?»: when the address has an account, a single-use link valid one hour goes to it. The caller answers
 * the same in every case, so the form tells nobody whether an address is registered.
 */
export async function requestPasswordReset(deps: PasswordResetDependencies, email: string, locale: Locale): Promise<void> {
  const address = normalizeEmail(email);
  const user = await deps.store.users.findByEmail(address);
  if (!user) return;
  try {
    await deps.letters.consume(address);
  } catch (error) {
    if (error instanceof RateLimitedError) return;
    throw error;
  }
  const secret = newLinkSecret();
  const now = deps.clock();
  await deps.store.oneTimeTokens.save({ hash: linkSecretHash(secret), purpose: 'password_reset', userId: user.id, expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS) });
  await deps.store.audit.record({ at: now, type: 'password.reset_requested', userId: user.id, ip: null, details: {} });
  // Audited, not reported, if it cannot be sent: the reset form answers alike for every address.
  await sendOrAudit(deps, user.id, { name: 'password-reset', to: user.email, locale, link: `${deps.origin}/reset-password/${secret}` }, 'password-reset');
}

/**
 * Sets the new password with the link's secret (used once), then ends every session and refresh token of the account
 * and tells the person by mail. A used, expired or unknown link is `reset.link_invalid`.
 */
export async function resetPassword(deps: PasswordResetDependencies, secret: string, password: string, confirmation: string, locale: Locale): Promise<void> {
  checkNewPassword(password, confirmation);
  const now = deps.clock();
  const token = await deps.store.oneTimeTokens.consume(linkSecretHash(secret), 'password_reset', now);
  const user = token && (await deps.store.users.update(token.userId, { passwordHash: await deps.passwords.hash(password) }));
  if (!user) throw new PasswordError('reset.link_invalid');
  await deps.store.endSessions(user.id);
  await deps.store.audit.record({ at: now, type: 'password.reset', userId: user.id, ip: null, details: {} });
  await sendOrAudit(deps, user.id, { name: 'password-changed', to: user.email, locale }, 'password-changed');
}
