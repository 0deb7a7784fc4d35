import type { Locale } from '../../pki/messages.ts';
import type { PkiVerifier } from '../../pki/verifier.ts';
import { KiltError } from '../kilt-error.ts';
import { checkNewPassword } from '../password-reset.ts';
import { maskIin } from '../sign-in/authenticate.ts';
import { type IssuedChallenge, challengeSigner, consumeChallenge, issueChallenge } from '../sign-in/challenges.ts';
import { RateLimitedError, type UserRecord } from '../store.ts';
import type { ProfileDependencies } from './dependencies.ts';
import { sendOrAudit } from '../mail.ts';
import { ProfileError } from './profile-error.ts';

export interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirmation: string;
  /** What NCALayer returned for the page's challenge. */
  readonly cms: string;
  readonly challengeId: string;
}

/** Who changes the password, and in which cabinet session: that session's challenge, and the session that stays. */
export interface PasswordChanger {
  readonly user: UserRecord;
  readonly sessionUid: string;
}

const bindingOf = (sessionUid: string) => `cabinet-password:${sessionUid}`;

/** The challenge the password form has NCALayer sign: for this cabinet session only, once, within five minutes. */
export const passwordChallenge = (deps: ProfileDependencies, sessionUid: string): Promise<IssuedChallenge> =>
  issueChallenge(deps.store.challenges, bindingOf(sessionUid), deps.clock());

async function ensureNotLocked(deps: ProfileDependencies, userId: string): Promise<void> {
  const seconds = await deps.limits.passwordFailures.blockedFor(userId);
  if (seconds > 0) throw new ProfileError('profile.password_locked', `blocked for ${seconds} s`, { minutes: String(Math.ceil(seconds / 60)) });
}

/** The current password and a signature of this session's challenge by the account's own key (the sign-in's checks). */
async function proveIdentity(deps: ProfileDependencies, verifier: PkiVerifier, changer: PasswordChanger, change: PasswordChange, now: Date): Promise<void> {
  const { user } = changer;
  const challenge = await consumeChallenge(deps.store.challenges, change.challengeId, bindingOf(changer.sessionUid), now);
  if (!(await deps.passwords.verify(user.passwordHash, change.currentPassword))) throw new ProfileError('profile.password_wrong');
  const signer = (await challengeSigner(verifier, change.cms, challenge, now)).iin ?? '';
  if (signer !== user.iin) throw new ProfileError('profile.signer_mismatch', `certificate IIN ${maskIin(signer)}`, { iin: maskIin(signer) });
}

/**
 * «Сменить пароль»: the current password, a signature with the person's key, and the new password twice (the rules of
 * every password form). Then every other session of the account, every grant and refresh token ends, a pending
 * e-mail change is withdrawn, and the person is told by mail. This cabinet session stays: it has just proved the
 * password and the key, all that a new sign-in would ask. Failed proofs are counted towards a lock.
 */
export async function changePassword(deps: ProfileDependencies, changer: PasswordChanger, change: PasswordChange, locale: Locale, ip: string | null): Promise<void> {
  const { verifier } = deps;
  if (!verifier) throw new ProfileError('profile.signing_unavailable');
  const { user } = changer;
  await ensureNotLocked(deps, user.id);
  checkNewPassword(change.newPassword, change.confirmation);
  if (change.newPassword === change.currentPassword) throw new ProfileError('profile.password_same');
  if (!change.cms) throw new ProfileError('profile.signature_required');
  const now = deps.clock();
  try {
    await proveIdentity(deps, verifier, changer, change, now);
  } catch (error) {
    if (!(error instanceof KiltError)) throw error;
    await deps.store.audit.record({ at: now, type: 'password.change_failed', userId: user.id, ip, details: { code: error.code, detail: error.detail } });
    try {
      await deps.limits.passwordFailures.consume(user.id);
    } catch (limited) {
      if (!(limited instanceof RateLimitedError)) throw limited;
      throw new ProfileError('profile.password_locked', 'too many failures', { minutes: String(Math.ceil(limited.retryAfterSeconds / 60)) });
    }
    throw error;
  }
  const changed = await deps.store.users.update(user.id, { passwordHash: await deps.passwords.hash(change.newPassword) });
  if (!changed) throw new ProfileError('profile.stale', 'the account is gone');
  await deps.store.oneTimeTokens.discard(user.id, 'email_change');
  await deps.store.endSessions(user.id, changer.sessionUid);
  await deps.limits.passwordFailures.reset(user.id);
  await deps.store.audit.record({ at: now, type: 'password.changed', userId: user.id, ip, details: { method: 'cabinet' } });
  await sendOrAudit(deps, changed.id, { to: changed.email, locale, name: changed.givenName ?? undefined, kind: 'password-changed-in-cabinet' }, 'password-changed-in-cabinet');
}
