import type { Locale } from '../../pki/messages.ts';
import type { PkiVerifier } from '../../pki/verifier.ts';
import type { PasswordHasher } from '../passwords.ts';
import type { SmsCodeChannel } from '../phone/sms-code.ts';
import type { RateLimiter, Store } from '../store.ts';

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;

/** The letters of the profile; `name` is how the greeting addresses the person. */
export type ProfileLetter = { readonly to: string; readonly locale: Locale; readonly name: string | undefined } & (
  /** To the new address: the single-use link, valid 24 hours. */
  | { readonly kind: 'email-change-confirm'; readonly link: string }
  /** To the account's address: a change to `newEmail` was asked for, and nothing changes until it is confirmed. */
  | { readonly kind: 'email-change-requested'; readonly newEmail: string }
  /** To an address that already has an account: it cannot become another's; the asker is told nothing of it. */
  | { readonly kind: 'email-change-taken' }
  /** To the account's address after the password was changed in the cabinet. */
  | { readonly kind: 'password-changed-in-cabinet' }
);

export interface ProfileDependencies {
  readonly store: Pick<Store, 'users' | 'oneTimeTokens' | 'challenges' | 'audit' | 'endSessions'>;
  /** Absent when no trust anchors are configured: the password cannot be changed then, as no signature can be checked. */
  readonly verifier: PkiVerifier | undefined;
  readonly passwords: PasswordHasher;
  /** SMS codes for a new number; its per-number limit is the registration's too. */
  readonly sms: SmsCodeChannel;
  readonly send: (letter: ProfileLetter) => Promise<void>;
  readonly limits: {
    /** E-mail change letters per account (3 an hour): a cabinet session must not become a way to mail strangers. */
    readonly emailChanges: RateLimiter;
    /** Failed password changes per account (wrong current password or signature), before a lock. */
    readonly passwordFailures: RateLimiter;
  };
  /** Where the links point: the issuer's origin. */
  readonly origin: string;
  readonly clock: () => Date;
}
