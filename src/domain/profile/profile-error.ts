import { KiltError } from '../kilt-error.ts';

/** Stable codes of refused cabinet profile forms; phones keep their phone.* codes, new passwords password.*. */
export const PROFILE_ERROR_CODES = [
  'profile.required',
  'profile.too_long',
  'profile.region_unknown',
  'profile.postal_code_invalid',
  'profile.latin_name_invalid',
  'profile.document_kind_unknown',
  'profile.document_number_invalid',
  'profile.passport_number_invalid',
  'profile.date_invalid',
  'profile.issue_date_future',
  'profile.issue_date_before_birth',
  'profile.email_invalid',
  'profile.email_same',
  'profile.email_letter_limit',
  'profile.email_link_invalid',
  'profile.email_taken',
  'profile.email_mail_failed',
  'profile.phone_same',
  'profile.stale',
  'profile.password_wrong',
  'profile.password_same',
  'profile.password_locked',
  'profile.signature_required',
  'profile.signer_mismatch',
  'profile.signing_unavailable',
] as const;

export type ProfileErrorCode = (typeof PROFILE_ERROR_CODES)[number];

export class ProfileError extends KiltError<ProfileErrorCode> {
  override name = 'ProfileError';
}

/** A form with fields that are wrong: each field's problem is shown under that field, the values stay in the form. */
export class ProfileFormError extends KiltError<'profile.form_invalid'> {
  override name = 'ProfileFormError';
  readonly problems: Readonly<Record<string, ProfileError>>;

  constructor(problems: Record<string, ProfileError>) {
    super('profile.form_invalid', `invalid: ${Object.keys(problems).join(', ')}`);
    this.problems = problems;
  }
}
