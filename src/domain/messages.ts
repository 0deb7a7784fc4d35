import { type Locale, PKI_MESSAGES, interpolate } from '../pki/messages.ts';
import type { KiltError } from './kilt-error.ts';
import { PARTICIPANT_MESSAGES } from './participants/messages.ts';
import { PASSWORD_MESSAGES } from './password-messages.ts';
import { PHONE_MESSAGES } from './phone/messages.ts';
import { PROFILE_MESSAGES } from './profile/messages.ts';
import { REGISTRATION_MESSAGES } from './registration/messages.ts';
import { SIGN_IN_MESSAGES } from './sign-in/messages.ts';

const CATALOG: Readonly<Record<string, Record<Locale, string>>> = { ...PKI_MESSAGES, ...SIGN_IN_MESSAGES, ...PASSWORD_MESSAGES, ...PHONE_MESSAGES, ...PROFILE_MESSAGES, ...REGISTRATION_MESSAGES, ...PARTICIPANT_MESSAGES };

/** The user-facing text of an error, in the user's language; unknown codes fall back to a generic message. */
export function localizedMessage(error: KiltError, locale: Locale): string {
  const entry = CATALOG[error.code];
  if (!entry) return { ru: 'Произошла ошибка. Повторите попытку.', kk: 'Қате орын алды. Қайталап көріңіз.', en: 'Something went wrong. Please try again.' }[locale];
  return interpolate(entry[locale], error.params);
}
