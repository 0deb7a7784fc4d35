import { z } from 'zod';
import { checkNewPassword } from '../password-reset.ts';
import { kazakhMobileNumber } from '../phone/phone-number.ts';
import { PhoneError } from '../phone/phone-error.ts';
import { normalizeEmail } from '../users/email.ts';
import type { RegistrationRecord, RegistrationStep } from '../store.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { RegistrationError } from './registration-error.ts';

export interface ContactsInput {
  readonly email: string;
  readonly password: string;
  readonly passwordConfirmation: string;
  readonly consent: boolean;
  readonly phone: string;
}

const email = z.email();

/** The registration's current step, or a stale-form refusal when another tab moved it on first. */
export function updated(record: RegistrationRecord | null): RegistrationRecord {
  if (!record) throw new RegistrationError('registration.stale', 'the registration changed or expired meanwhile');
  return record;
}

/**
 * Step 2: e-mail, password (the rules of every password form), consent and, where the deployment requires it, a
 * mobile number (its SMS code goes out from the next step). An address that has an account is refused here already, so the
 * person learns it before signing the agreement; the store's unique index decides in the end.
 */
export async function submitContacts(deps: RegistrationDependencies, registration: RegistrationRecord, input: ContactsInput): Promise<RegistrationRecord> {
  const address = normalizeEmail(input.email);
  if (!email.safeParse(address).success) throw new RegistrationError('registration.email_invalid');
  checkNewPassword(input.password, input.passwordConfirmation);
  if (!input.consent) throw new RegistrationError('registration.consent_required');
  const phone = deps.settings.phone === 'required' ? kazakhMobileNumber(input.phone) : undefined;
  if (deps.settings.phone === 'required' && !phone) throw new PhoneError('phone.invalid');
  const holder = await deps.store.users.findByEmail(address);
  if (holder && holder.iin !== registration.person.iin) throw new RegistrationError('registration.email_taken', 'the e-mail has an account');
  const samePhone = phone !== undefined && phone === registration.phone;
  // A number confirmed earlier in this registration (the person came back to fix the e-mail) needs no new code.
  const next: RegistrationStep = phone && !(samePhone && registration.step === 'agreement') ? 'phone' : 'agreement';
  return updated(
    await deps.store.registrations.update(registration.id, registration.revision, {
      step: next,
      email: address,
      passwordHash: await deps.passwords.hash(input.password),
      consentAt: deps.clock(),
      phone: phone ?? null,
      sms: samePhone ? registration.sms : null,
    }),
  );
}
