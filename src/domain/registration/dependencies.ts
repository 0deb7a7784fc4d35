import type { Locale } from '../../pki/messages.ts';
import type { PkiVerifier } from '../../pki/verifier.ts';
import type { PasswordHasher } from '../passwords.ts';
import type { SmsSender } from '../sms.ts';
import type { RateLimiter, Store } from '../store.ts';

export const REGISTRATION_TTL_MS = 24 * 60 * 60_000;

/** The confirmation letter: a single-use link valid 24 hours. */
export interface ConfirmationLetter {
  readonly to: string;
  readonly locale: Locale;
  readonly link: string;
  readonly name: string | undefined;
}

export interface RegistrationSettings {
  /** KNP asks for a mobile number confirmed by SMS; Keden does not. */
  readonly phone: 'off' | 'required';
  /** KNP accepts the agreement by signing its text with the key; Keden by a button. */
  readonly agreementSignature: 'off' | 'required';
}

export interface RegistrationDependencies {
  readonly store: Pick<Store, 'users' | 'organizations' | 'participants' | 'agreements' | 'challenges' | 'audit' | 'oneTimeTokens' | 'registrations'>;
  readonly verifier: PkiVerifier;
  readonly passwords: PasswordHasher;
  readonly sms: SmsSender;
  readonly sendLetter: (letter: ConfirmationLetter) => Promise<void>;
  readonly limits: {
    /** SMS codes per phone number (5 an hour). */
    readonly smsPerNumber: RateLimiter;
    /** Confirmation letters per registration e-mail (3 an hour). */
    readonly lettersPerEmail: RateLimiter;
  };
  readonly settings: RegistrationSettings;
  /** Where the links point: the issuer's origin. */
  readonly origin: string;
  readonly clock: () => Date;
}
