import type { PkiVerifier, VerifiedSigner } from '../../pki/verifier.ts';
import { KiltError } from '../kilt-error.ts';
import { normalizeEmail } from '../users/email.ts';
import type { PasswordHasher } from '../passwords.ts';
import { RateLimitedError, type RateLimiter, type Store, type UserRecord } from '../store.ts';
import { challengeSigner, consumeChallenge } from './challenges.ts';
import { SignInError } from './sign-in-error.ts';

export interface SignInDependencies {
  readonly store: Pick<Store, 'users' | 'challenges' | 'audit'>;
  readonly verifier: PkiVerifier;
  readonly passwords: PasswordHasher;
  /** Failed attempts per account (e-mail) and per client IP, and how many each allows before its lock. */
  readonly limits: { readonly account: RateLimiter; readonly ip: RateLimiter; readonly accountPoints: number; readonly ipPoints: number };
  /** A hash of nothing in particular, verified when the e-mail is unknown so that both cases take as long. */
  readonly decoyHash: string;
  readonly clock: () => Date;
  /** Waits before a refusal is answered; growing with the account's failures (tests record instead of waiting). */
  readonly pause?: (milliseconds: number) => Promise<void>;
}

/** 0 for the first failure, then 0.5 s, 1 s, 2 s, … up to 8 s: guessing gets slower long before the lock. */
export function failureDelayMs(failures: number): number {
  return failures <= 1 ? 0 : Math.min(8_000, 250 * 2 ** (failures - 1));
}

const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

export interface SignInAttempt {
  readonly email: string;
  readonly password: string;
  /** What NCALayer returned: PEM-armoured or bare base64 CMS over the challenge. */
  readonly cms: string;
  readonly challengeId: string;
  /** The flow the challenge was issued for (the interaction uid). */
  readonly binding: string;
  readonly ip: string | null;
}

export interface SignedIn {
  readonly user: UserRecord;
  readonly certificate: VerifiedSigner;
}

export function maskIin(iin: string): string {
  return `${'*'.repeat(8)}${iin.slice(-4)}`;
}

async function ensureNotBlocked(limiter: RateLimiter, key: string): Promise<void> {
  const seconds = await limiter.blockedFor(key);
  if (seconds > 0) throw new SignInError('login.too_many_attempts', `blocked for ${seconds} s`, { seconds: String(seconds) });
}

/** Counts a failure; returns how many the key has now (Infinity once it is locked). */
async function countFailure(limiter: RateLimiter, key: string, limit: number): Promise<number> {
  try {
    return limit - (await limiter.consume(key)).remaining;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * E-mail + password + an NCA signature of this flow's one-time challenge (DESIGN.md, Sign-in step 2). The challenge
 * is consumed first, so a failed attempt cannot be replayed; every refusal is counted and audited, and none tells
 * whether the e-mail is registered.
 */
export async function authenticate(deps: SignInDependencies, attempt: SignInAttempt): Promise<SignedIn> {
  const email = normalizeEmail(attempt.email);
  const ipKey = attempt.ip ?? 'unknown';
  await ensureNotBlocked(deps.limits.ip, ipKey);
  await ensureNotBlocked(deps.limits.account, email);
  const now = deps.clock();
  let user: UserRecord | null = null;
  // Known once the signature is verified: a refusal after that (someone else's key, a locked account) names it too.
  let certificate: VerifiedSigner | null = null;
  try {
    const challenge = await consumeChallenge(deps.store.challenges, attempt.challengeId, attempt.binding, now);
    user = await deps.store.users.findByEmail(email);
    const passwordOk = await deps.passwords.verify(user?.passwordHash ?? deps.decoyHash, attempt.password);
    if (!user || !passwordOk) throw new SignInError('login.invalid_credentials', user ? 'wrong password' : 'unknown e-mail');
    certificate = await challengeSigner(deps.verifier, attempt.cms, challenge, now);
    if (certificate.iin !== user.iin) {
      throw new SignInError('login.iin_mismatch', `certificate IIN ${maskIin(certificate.iin ?? '')}`, { iin: maskIin(certificate.iin ?? '') });
    }
    if (!user.emailConfirmedAt) throw new SignInError('login.not_confirmed', 'e-mail not confirmed');
    if (user.lockedUntil && user.lockedUntil > now) throw new SignInError('login.locked', `locked until ${user.lockedUntil.toISOString()}`);
    await deps.limits.account.reset(email);
    await deps.store.audit.record({
      at: now, type: 'login.succeeded', userId: user.id, ip: attempt.ip,
      details: { certificateSerial: certificate.serialNumber, algorithm: certificate.algorithm },
    });
    return { user, certificate };
  } catch (error) {
    if (error instanceof KiltError) {
      const [failures] = await Promise.all([
        countFailure(deps.limits.account, email, deps.limits.accountPoints),
        countFailure(deps.limits.ip, ipKey, deps.limits.ipPoints),
      ]);
      await deps.store.audit.record({
        at: now, type: 'login.failed', userId: user?.id ?? null, ip: attempt.ip,
        details: { code: error.code, detail: error.detail, certificateSerial: certificate?.serialNumber ?? null },
      });
      await (deps.pause ?? sleep)(failureDelayMs(failures));
    }
    throw error;
  }
}
