import { KiltError } from '../kilt-error.ts';

/** Stable codes of refused sign-ins; certificate problems keep their pki.* codes. */
export const SIGN_IN_ERROR_CODES = [
  'login.invalid_credentials',
  'login.challenge_invalid',
  'login.iin_mismatch',
  'login.not_confirmed',
  'login.locked',
  'login.too_many_attempts',
] as const;

export type SignInErrorCode = (typeof SIGN_IN_ERROR_CODES)[number];

export class SignInError extends KiltError<SignInErrorCode> {
  override name = 'SignInError';
}
