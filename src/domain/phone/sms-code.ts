import { createHash, randomInt } from 'node:crypto';
import { sameSecret } from '../same-secret.ts';
import type { Locale } from '../../pki/messages.ts';
import type { SmsSender } from '../sms.ts';
import { type AuditRepository, type PendingSmsCode, RateLimitedError, type RateLimiter } from '../store.ts';
import { PhoneError } from './phone-error.ts';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_RESEND_AFTER_MS = 60_000;
export const SMS_MAX_ATTEMPTS = 5;

const SMS_TEXT: Readonly<Record<Locale, string>> = {
  ru: 'Kilt: код подтверждения {code}. Никому не сообщайте его.',
  kk: 'Kilt: растау коды {code}. Оны ешкімге айтпаңыз.',
  en: 'Kilt: your confirmation code is {code}. Do not share it.',
};

/** What sends codes: the SMS port and the limit per number, which every form that sends a code shares. */
export interface SmsCodeChannel {
  readonly sms: SmsSender;
  /** SMS codes per number (5 an hour). */
  readonly perNumber: RateLimiter;
  readonly audit: Pick<AuditRepository, 'record'>;
  readonly clock: () => Date;
}

/**
 * Where a code waits (a registration, an account changing its number), as the caller read it. `save` writes the
 * pending code by compare-and-set against what was read and answers the holder as written; it throws when another
 * request changed the holder first, so that no attempt is spent twice.
 */
export interface SmsCodeHolder<T> {
  /** Salts the code's hash, so equal codes of two holders do not look alike in the store. */
  readonly salt: string;
  readonly pending: PendingSmsCode | null;
  save(sms: PendingSmsCode): Promise<T>;
  /** Forgets the code of `saved` after its SMS failed, so that «Отправить код повторно» works at once. */
  forget(saved: T): Promise<void>;
  /** Whom a failed SMS is audited for. */
  readonly audit: { readonly userId: string | null; readonly details: Readonly<Record<string, string>> };
}

const codeHash = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

/**
 * A fresh 6-digit code by SMS to `phone`, valid 5 minutes: not sooner than 60 s after the holder's previous one, at
 * most 5 an hour per number. The code is stored before it is sent, and forgotten again when the SMS fails.
 */
export async function sendSmsCode<T>(channel: SmsCodeChannel, holder: SmsCodeHolder<T>, phone: string, locale: Locale): Promise<T> {
  const now = channel.clock();
  const waited = holder.pending ? now.getTime() - holder.pending.sentAt.getTime() : Number.POSITIVE_INFINITY;
  if (waited < SMS_RESEND_AFTER_MS) {
    throw new PhoneError('phone.sms_resend_wait', 'resent too soon', { seconds: String(Math.ceil((SMS_RESEND_AFTER_MS - waited) / 1000)) });
  }
  try {
    await channel.perNumber.consume(phone);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new PhoneError('phone.sms_send_limit', `limit for ${phone}`, { minutes: String(Math.ceil(error.retryAfterSeconds / 60)) });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const saved = await holder.save({
    phone, codeHash: codeHash(holder.salt, code).toString('hex'), sentAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS), attempts: 0,
  });
  try {
    await channel.sms.send({ to: phone, text: SMS_TEXT[locale].replace('{code}', code) });
  } catch (error) {
    await channel.audit.record({
      at: now, type: 'sms.failed', userId: holder.audit.userId, ip: null,
      details: { ...holder.audit.details, detail: error instanceof Error ? error.message : String(error) },
    });
    await holder.forget(saved);
    throw new PhoneError('phone.sms_failed', 'the SMS was not accepted');
  }
  return saved;
}

/**
 * The code of the SMS: five attempts per code, each counted (by the holder's compare-and-set) before it is compared,
 * so parallel guesses cannot outrun the limit. Answers the holder with the attempt counted; the caller then applies
 * what the code confirms.
 */
export async function checkSmsCode<T>(clock: () => Date, holder: SmsCodeHolder<T>, code: string): Promise<T> {
  const sms = holder.pending;
  if (!sms) throw new PhoneError('phone.sms_code_expired', 'no code pending');
  if (sms.attempts >= SMS_MAX_ATTEMPTS) throw new PhoneError('phone.sms_too_many_attempts');
  if (sms.expiresAt <= clock()) throw new PhoneError('phone.sms_code_expired');
  const counted = await holder.save({ ...sms, attempts: sms.attempts + 1 });
  const given = codeHash(holder.salt, code.replace(/\s/g, ''));
  if (!sameSecret(Buffer.from(sms.codeHash, 'hex'), given)) {
    const left = SMS_MAX_ATTEMPTS - sms.attempts - 1;
    if (left === 0) throw new PhoneError('phone.sms_too_many_attempts');
    throw new PhoneError('phone.sms_code_wrong', 'wrong code', { left: String(left) });
  }
  return counted;
}
