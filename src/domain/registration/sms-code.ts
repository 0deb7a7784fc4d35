import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../../pki/messages.ts';
import { RateLimitedError, type RegistrationRecord } from '../store.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { updated } from './contacts.ts';
import { RegistrationError } from './registration-error.ts';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_RESEND_AFTER_MS = 60_000;
export const SMS_MAX_ATTEMPTS = 5;

const SMS_TEXT: Readonly<Record<Locale, string>> = {
  ru: 'Kilt: код подтверждения {code}. Никому не сообщайте его.',
  kk: 'Kilt: растау коды {code}. Оны ешкімге айтпаңыз.',
  en: 'Kilt: your confirmation code is {code}. Do not share it.',
};

/** Salted with the registration, so equal codes of two registrations do not look alike in the store. */
const codeHash = (registration: RegistrationRecord, code: string) => createHash('sha256').update(`${registration.id}:${code}`).digest();

/**
 * A fresh 6-digit code by SMS to the number of step 2, valid 5 minutes: not sooner than 60 s after the previous one,
 * at most 5 an hour per number. The code is stored before it is sent; a failed SMS forgets it again, so «Отправить
 * код повторно» works at once.
 */
export async function sendSmsCode(deps: RegistrationDependencies, registration: RegistrationRecord): Promise<RegistrationRecord> {
  const phone = registration.phone;
  if (registration.step !== 'phone' || !phone) throw new RegistrationError('registration.stale', 'no number waits for a code');
  const now = deps.clock();
  const waited = registration.sms ? now.getTime() - registration.sms.sentAt.getTime() : Number.POSITIVE_INFINITY;
  if (waited < SMS_RESEND_AFTER_MS) {
    throw new RegistrationError('registration.sms_resend_wait', 'resent too soon', { seconds: String(Math.ceil((SMS_RESEND_AFTER_MS - waited) / 1000)) });
  }
  try {
    await deps.limits.smsPerNumber.consume(phone);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new RegistrationError('registration.sms_send_limit', `limit for ${phone}`, { minutes: String(Math.ceil(error.retryAfterSeconds / 60)) });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const sms = { phone, codeHash: codeHash(registration, code).toString('hex'), sentAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS), attempts: 0 };
  const saved = updated(await deps.store.registrations.update(registration.id, registration.revision, { sms }));
  try {
    await deps.sms.send({ to: phone, text: SMS_TEXT[registration.locale].replace('{code}', code) });
  } catch (error) {
    await deps.store.audit.record({
      at: now, type: 'sms.failed', userId: null, ip: null,
      details: { registration: registration.id, detail: error instanceof Error ? error.message : String(error) },
    });
    await deps.store.registrations.update(saved.id, saved.revision, { sms: null });
    throw new RegistrationError('registration.sms_failed', 'the SMS was not accepted');
  }
  return saved;
}

/**
 * The code of the SMS: five attempts per code, each counted before it is compared (compare-and-set on the
 * registration), so parallel guesses cannot outrun the limit. The right code confirms the number.
 */
export async function confirmSmsCode(deps: RegistrationDependencies, registration: RegistrationRecord, code: string): Promise<RegistrationRecord> {
  const { sms } = registration;
  if (registration.step !== 'phone' || !sms || sms.phone !== registration.phone) throw new RegistrationError('registration.sms_code_expired', 'no code pending');
  if (sms.attempts >= SMS_MAX_ATTEMPTS) throw new RegistrationError('registration.sms_too_many_attempts');
  if (sms.expiresAt <= deps.clock()) throw new RegistrationError('registration.sms_code_expired');
  const counted = updated(await deps.store.registrations.update(registration.id, registration.revision, { sms: { ...sms, attempts: sms.attempts + 1 } }));
  const given = codeHash(registration, code.replace(/\s/g, ''));
  if (!timingSafeEqual(given, Buffer.from(sms.codeHash, 'hex'))) {
    const left = SMS_MAX_ATTEMPTS - sms.attempts - 1;
    if (left === 0) throw new RegistrationError('registration.sms_too_many_attempts');
    throw new RegistrationError('registration.sms_code_wrong', 'wrong code', { left: String(left) });
  }
  return updated(await deps.store.registrations.update(counted.id, counted.revision, { step: 'agreement', sms: null }));
}
