import { KiltError } from '../kilt-error.ts';

/**
 * Stable codes of refused registration steps; certificate problems keep their pki.* codes, passwords password.*,
 * phone numbers and SMS codes phone.*.
 */
export const REGISTRATION_ERROR_CODES = [
  'registration.iin_taken',
  'registration.email_taken',
  'registration.email_invalid',
  'registration.consent_required',
  'registration.company_not_registered',
  'registration.not_added',
  'registration.excluded',
  'registration.signature_required',
  'registration.signer_mismatch',
  'registration.mail_failed',
  'registration.letter_limit',
  'registration.link_invalid',
  'registration.stale',
] as const;

export type RegistrationErrorCode = (typeof REGISTRATION_ERROR_CODES)[number];

export class RegistrationError extends KiltError<RegistrationErrorCode> {
  override name = 'RegistrationError';
}
