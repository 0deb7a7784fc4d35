import type { Locale } from '../../pki/messages.ts';
import { challengeSigner, consumeChallenge } from '../sign-in/challenges.ts';
import type { RegistrationRecord } from '../store.ts';
import { REGISTRATION_TTL_MS, type RegistrationDependencies } from './dependencies.ts';
import { RegistrationError } from './registration-error.ts';
import { registrationKind } from './registrant.ts';

export interface RegistrationStart {
  /** What NCALayer returned: a CMS over the challenge, signed with any key of the person (AUTH or SIGN). */
  readonly cms: string;
  readonly challengeId: string;
  /** The browser the challenge was issued to. */
  readonly binding: string;
  readonly locale: Locale;
  readonly returnTo: string | null;
  readonly ip: string | null;
}

/**
 * Step 1, «Выбрать сертификат»: the certificate says who registers. A person who already has an account is sent to
 * sign-in; one whose own registration still waits for its letter starts over (the key proves it is theirs).
 */
export async function startRegistration(deps: RegistrationDependencies, start: RegistrationStart): Promise<RegistrationRecord> {
  const { store } = deps;
  const now = deps.clock();
  const challenge = await consumeChallenge(store.challenges, start.challengeId, start.binding, now);
  const certificate = await challengeSigner(deps.verifier, start.cms, challenge, now, 'person');
  const iin = certificate.iin!;
  const existing = await store.users.findByIin(iin);
  if (existing?.emailConfirmedAt) throw new RegistrationError('registration.iin_taken', 'the IIN has an account');
  const { bin } = certificate;
  const [organization, participant] = bin
    ? await Promise.all([store.organizations.findByBin(bin), store.participants.find(bin, iin)])
    : [null, null];
  const kind = registrationKind(certificate, organization, participant);
  if (existing) {
    // The letter-waiting registration ends with its account, so its browser cannot send more letters with dead links.
    const waiting = await store.registrations.findByUserId(existing.id, now);
    if (waiting) await store.registrations.remove(waiting.id);
    await store.users.discardUnconfirmed(iin);
  }
  const registration = await store.registrations.create({
    step: 'contacts',
    kind,
    person: {
      iin,
      surname: certificate.surname ?? null,
      givenName: certificate.givenName ?? null,
      patronymic: certificate.patronymic ?? null,
      bin: bin ?? null,
      organizationName: certificate.organization ?? null,
      roles: [...certificate.roles],
      certificateSerial: certificate.serialNumber,
    },
    email: null,
    passwordHash: null,
    consentAt: null,
    phone: null,
    sms: null,
    agreement: null,
    userId: null,
    locale: start.locale,
    returnTo: start.returnTo,
    expiresAt: new Date(now.getTime() + REGISTRATION_TTL_MS),
  });
  await store.audit.record({
    at: now, type: 'registration.started', userId: null, ip: start.ip,
    details: { registration: registration.id, kind, bin: bin ?? null, certificateSerial: certificate.serialNumber },
  });
  return registration;
}
