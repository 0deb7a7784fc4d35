import { checkSmsCode, sendSmsCode as sendCode, type SmsCodeHolder } from '../phone/sms-code.ts';
import { PhoneError } from '../phone/phone-error.ts';
import type { RegistrationRecord } from '../store.ts';
import { updated } from './contacts.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { RegistrationError } from './registration-error.ts';

/** The registration holds its code: compare-and-set on its revision, a stale form is `registration.stale`. */
function holderOf(deps: RegistrationDependencies, registration: RegistrationRecord): SmsCodeHolder<RegistrationRecord> {
  return {
    salt: registration.id,
    pending: registration.sms,
    save: async (sms) => updated(await deps.store.registrations.update(registration.id, registration.revision, { sms })),
    forget: async (saved) => {
      await deps.store.registrations.update(saved.id, saved.revision, { sms: null });
    },
    audit: { userId: null, details: { registration: registration.id } },
  };
}

const channelOf = (deps: RegistrationDependencies) => ({ sms: deps.sms, perNumber: deps.limits.smsPerNumber, audit: deps.store.audit, clock: deps.clock });

/** A code to the number of step 2 (the rules of src/domain/phone/sms-code.ts). */
export async function sendSmsCode(deps: RegistrationDependencies, registration: RegistrationRecord): Promise<RegistrationRecord> {
  const phone = registration.phone;
  if (registration.step !== 'phone' || !phone) throw new RegistrationError('registration.stale', 'no number waits for a code');
  return sendCode(channelOf(deps), holderOf(deps, registration), phone, registration.locale);
}

/** The right code confirms the number of step 2 and moves the wizard on to the agreement. */
export async function confirmSmsCode(deps: RegistrationDependencies, registration: RegistrationRecord, code: string): Promise<RegistrationRecord> {
  if (registration.step !== 'phone' || registration.sms?.phone !== registration.phone) throw new PhoneError('phone.sms_code_expired', 'no code pending');
  const counted = await checkSmsCode(deps.clock, holderOf(deps, registration), code);
  return updated(await deps.store.registrations.update(counted.id, counted.revision, { step: 'agreement', sms: null }));
}
