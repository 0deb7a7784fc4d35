// The registration wizard's domain functions on a given store and clock, with a real verifier of a test PKI and
// captured SMS and letters: what the HTTP routes do, without HTTP, so that time and races can be controlled.
import { argon2Hasher } from '../../../src/adapters/passwords/argon2-hasher.ts';
import { acceptAgreement } from '../../../src/domain/registration/agreement.ts';
import { submitContacts } from '../../../src/domain/registration/contacts.ts';
import type { ConfirmationLetter, RegistrationDependencies, RegistrationSettings } from '../../../src/domain/registration/dependencies.ts';
import { startRegistration } from '../../../src/domain/registration/start.ts';
import { issueChallenge } from '../../../src/domain/sign-in/challenges.ts';
import type { Sms } from '../../../src/domain/sms.ts';
import type { RegistrationRecord, Store } from '../../../src/domain/store.ts';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { type TestEndEntity, type TestPki, cmsToBase64, signCms } from '../pki/index.ts';

export const REGISTRATION_PASSWORD = 'Registration 2026';

/** Small argon2id parameters: the real library, at test speed. */
const passwords = argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export interface RegistrationDomain {
  readonly deps: RegistrationDependencies;
  /** Every SMS accepted, oldest first. */
  readonly sms: Sms[];
  /** Every confirmation letter accepted, oldest first. */
  readonly letters: ConfirmationLetter[];
  /** Step 1 in the browser `binding`: the key signs a fresh challenge. */
  start(key: TestEndEntity, binding?: string): Promise<RegistrationRecord>;
  /** Step 2 with `email` (and `phone`, where required). */
  contacts(registration: RegistrationRecord, email: string, phone?: string): Promise<RegistrationRecord>;
  /** Steps 1–3 by the button (no phone): the registration at 'sent' and the secret of its letter. */
  register(key: TestEndEntity, email: string, binding?: string): Promise<{ registration: RegistrationRecord; secret: string }>;
}

/** The secret of a confirmation letter's link. */
export function secretOf(letter: ConfirmationLetter): string {
  const secret = /\/register\/confirm\/([A-Za-z0-9_-]{43})$/.exec(letter.link)?.[1];
  if (!secret) throw new Error(`no confirmation link: ${letter.link}`);
  return secret;
}

export function registrationDomain(
  store: Store,
  clock: () => Date,
  pki: TestPki,
  settings: RegistrationSettings = { phone: 'off', agreementSignature: 'off' },
): RegistrationDomain {
  const sms: Sms[] = [];
  const letters: ConfirmationLetter[] = [];
  const hourly = (points: number, keyPrefix: string) => store.rateLimiter({ points, durationSeconds: 3600, blockSeconds: 3600, keyPrefix });
  const deps: RegistrationDependencies = {
    store,
    verifier: createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off', clock }).verifier,
    passwords,
    sms: { send: async (message) => void sms.push(message) },
    sendLetter: async (letter) => void letters.push(letter),
    limits: { smsPerNumber: hourly(5, 'registration-sms'), lettersPerEmail: hourly(3, 'registration-letters') },
    settings,
    origin: 'https://kilt.example.kz',
    clock,
  };

  async function start(key: TestEndEntity, binding = 'register:browser-1'): Promise<RegistrationRecord> {
    const challenge = await issueChallenge(store.challenges, binding, clock());
    const cms = cmsToBase64(signCms(new Uint8Array(Buffer.from(challenge.base64, 'base64')), key, { signingTime: clock() }));
    return startRegistration(deps, { cms, challengeId: challenge.id, binding, locale: 'ru', returnTo: null, ip: '203.0.113.7' });
  }

  const contacts = (registration: RegistrationRecord, email: string, phone = '') =>
    submitContacts(deps, registration, { email, password: REGISTRATION_PASSWORD, passwordConfirmation: REGISTRATION_PASSWORD, consent: true, phone });

  async function register(key: TestEndEntity, email: string, binding?: string) {
    const atAgreement = await contacts(await start(key, binding), email);
    const registration = await acceptAgreement(deps, atAgreement, undefined);
    return { registration, secret: secretOf(letters.at(-1)!) };
  }

  return { deps, sms, letters, start, contacts, register };
}
