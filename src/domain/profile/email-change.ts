import { z } from 'zod';
import type { Locale } from '../../pki/messages.ts';
import { linkSecretHash, newLinkSecret } from '../link-secret.ts';
import { normalizeEmail } from '../users/email.ts';
import { DuplicateError, RateLimitedError, type UserRecord } from '../store.ts';
import { EMAIL_CHANGE_TTL_MS, type ProfileDependencies, type ProfileLetter } from './dependencies.ts';
import { sendOrAudit } from '../mail.ts';
import { ProfileError } from './profile-error.ts';

const emailSchema = z.email();

/**
 * «Изменить E-mail»: a single-use link valid 24 hours goes to the new address (replacing any earlier link), and the
 * current address is told. Nothing changes until the link is followed. An address that already has an account gets
 * a letter saying so instead of a link, and the form answers alike: it tells nobody who has an account.
 */
export async function requestEmailChange(
  deps: ProfileDependencies,
  user: UserRecord,
  newEmail: string,
  locale: Locale,
  ip: string | null,
): Promise<void> {
  const address = normalizeEmail(newEmail);
  if (!emailSchema.safeParse(address).success) throw new ProfileError('profile.email_invalid');
  if (address === user.email) throw new ProfileError('profile.email_same');
  try {
    await deps.limits.emailChanges.consume(user.id);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new ProfileError('profile.email_letter_limit', 'letters per account', { minutes: String(Math.ceil(error.retryAfterSeconds / 60)) });
  }
  const now = deps.clock();
  const letter = { to: address, locale, name: user.givenName ?? undefined };
  const taken = (await deps.store.users.findByEmail(address)) !== null;
  let toNewAddress: ProfileLetter = { ...letter, kind: 'email-change-taken' };
  if (!taken) {
    const secret = newLinkSecret();
    await deps.store.oneTimeTokens.discard(user.id, 'email_change');
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS);
    await deps.store.oneTimeTokens.save({ hash: linkSecretHash(secret), purpose: 'email_change', userId: user.id, expiresAt, newEmail: address, oldEmail: user.email });
    toNewAddress = { ...letter, kind: 'email-change-confirm', link: `${deps.origin}/confirm-email/${secret}` };
  }
  // Alike for a taken address: the person's own log is theirs to read.
  await deps.store.audit.record({ at: now, type: 'profile.email_change_requested', userId: user.id, ip, details: { newEmail: address } });
  try {
    await deps.send(toNewAddress);
  } catch {
    throw new ProfileError('profile.email_mail_failed', `no letter to ${address}`, { email: address });
  }
  await sendOrAudit(deps, user.id, { to: user.email, locale, name: letter.name, kind: 'email-change-requested', newEmail: address }, 'email-change-requested');
}

/**
 * The link of the new address: the account moves to it, which counts as confirmed, unless the account has left the
 * address the link was asked from, or another account took the new one meanwhile (the store's unique index decides).
 */
export async function confirmEmailChange(deps: ProfileDependencies, secret: string, ip: string | null): Promise<UserRecord> {
  const now = deps.clock();
  const token = await deps.store.oneTimeTokens.consume(linkSecretHash(secret), 'email_change', now);
  if (!token) throw new ProfileError('profile.email_link_invalid');
  let user: UserRecord | null;
  try {
    user = await deps.store.users.changeEmail(token.userId, token.oldEmail, token.newEmail, now);
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    throw new ProfileError('profile.email_taken', `${token.newEmail} taken meanwhile`);
  }
  if (!user) throw new ProfileError('profile.email_link_invalid', 'the account left the address the link was asked from');
  const details = { from: token.oldEmail, to: token.newEmail };
  await deps.store.audit.record({ at: now, type: 'profile.email_changed', userId: user.id, ip, details });
  return user;
}
