import { KiltError } from '../kilt-error.ts';

/** Stable codes of a mobile number and its SMS code, the same in the registration wizard and the cabinet. */
export const PHONE_ERROR_CODES = [
  'phone.invalid',
  'phone.sms_failed',
  'phone.sms_resend_wait',
  'phone.sms_send_limit',
  'phone.sms_code_wrong',
  'phone.sms_code_expired',
  'phone.sms_too_many_attempts',
] as const;

export type PhoneErrorCode = (typeof PHONE_ERROR_CODES)[number];

export class PhoneError extends KiltError<PhoneErrorCode> {
  override name = 'PhoneError';
}
