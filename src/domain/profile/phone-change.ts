import type { Locale } from '../../pki/messages.ts';
import { maskedPhone, kazakhMobileNumber } from '../phone/phone-number.ts';
import { PhoneError } from '../phone/phone-error.ts';
import { type SmsCodeHolder, checkSmsCode, sendSmsCode } from '../phone/sms-code.ts';
import type { UserRecord } from '../store.ts';
import type { ProfileDependencies } from './dependencies.ts';
import { ProfileError } from './profile-error.ts';

const written = (user: UserRecord | null): UserRecord => {
  if (!user) throw new ProfileError('profile.stale', 'the pending phone change was changed meanwhile');
  return user;
};

/**
 * The account holds the code for its new number, written by compare-and-set on what the request read. A code whose
 * SMS failed gives way to the one pending before it, whose number and form the page then still shows.
 */
function holderOf(deps: ProfileDependencies, user: UserRecord): SmsCodeHolder<UserRecord> {
  const { users } = deps.store;
  return {
    salt: user.id,
    pending: user.phoneChange,
    save: async (sms) => written(await users.swapPhoneChange(user.id, user.phoneChange, sms)),
    forget: async (saved) => {
      await users.swapPhoneChange(saved.id, saved.phoneChange, user.phoneChange);
    },
    audit: { userId: user.id, details: {} },
  };
}

/** «Изменить номер»: a code by SMS to the new +7 7XX number (the rules of src/domain/phone/sms-code.ts). */
export async function requestPhoneChange(deps: ProfileDependencies, user: UserRecord, input: string, locale: Locale): Promise<UserRecord> {
  const phone = kazakhMobileNumber(input);
  if (!phone) throw new PhoneError('phone.invalid');
  if (phone === user.phone) throw new ProfileError('profile.phone_same');
  return sendSmsCode(deps.sms, holderOf(deps, user), phone, locale);
}

/** «Отправить код повторно» to the number waiting for its code. */
export async function resendPhoneCode(deps: ProfileDependencies, user: UserRecord, locale: Locale): Promise<UserRecord> {
  if (!user.phoneChange) throw new PhoneError('phone.sms_code_expired', 'no number waits for a code');
  return sendSmsCode(deps.sms, holderOf(deps, user), user.phoneChange.phone, locale);
}

/** The right code makes the number the account's (and so the `phone_number` claim), in the write that clears the code. */
export async function confirmPhoneChange(deps: ProfileDependencies, user: UserRecord, code: string, ip: string | null): Promise<UserRecord> {
  const counted = await checkSmsCode(deps.clock, holderOf(deps, user), code);
  const phone = counted.phoneChange!.phone;
  const changed = written(await deps.store.users.swapPhoneChange(user.id, counted.phoneChange, null, phone));
  await deps.store.audit.record({ at: deps.clock(), type: 'profile.phone_changed', userId: user.id, ip, details: { phone: maskedPhone(phone) } });
  return changed;
}
