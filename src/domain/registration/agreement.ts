import type { Locale } from '../../pki/messages.ts';
import { linkSecretHash, newLinkSecret } from '../link-secret.ts';
import { DuplicateError, RateLimitedError, type AgreementVersion, type PendingAgreement, type RegistrationRecord } from '../store.ts';
import { updated } from './contacts.ts';
import { REGISTRATION_TTL_MS, type RegistrationDependencies } from './dependencies.ts';
import { RegistrationError } from './registration-error.ts';

const FOOTER: Readonly<Record<Locale, string>> = {
  ru: 'Соглашение версии {version} принято при регистрации {registration}, ИИН {iin}.',
  kk: '{version} нұсқадағы Келісім {registration} тіркеуі кезінде қабылданды, ЖСН {iin}.',
  en: 'Agreement version {version} accepted in registration {registration}, IIN {iin}.',
};

/**
 * What the person signs when the agreement is accepted with the key: its text in their language and a line naming
 * the version, this registration and their IIN, so the signature cannot be carried over to another registration.
 */
export function agreementDocument(agreement: AgreementVersion, registration: RegistrationRecord): Uint8Array {
  const footer = FOOTER[registration.locale]
    .replace('{version}', String(agreement.version))
    .replace('{registration}', registration.id)
    .replace('{iin}', registration.person.iin);
  return new TextEncoder().encode(`${agreement.texts[registration.locale]}\n\n${footer}\n`);
}

/**
 * Step 3, then 4: the agreement accepted (by the button, or by signing `agreementDocument` where the deployment wants
 * a signature) makes the account, unconfirmed for 24 hours, and sends the link. The step moves to 'sent' before the
 * account is written, by compare-and-set, so a double submit makes one account; a taken e-mail or IIN (a race the
 * store's unique indexes decide) moves it back.
 */
export async function acceptAgreement(deps: RegistrationDependencies, registration: RegistrationRecord, signature: string | undefined): Promise<RegistrationRecord> {
  const { store } = deps;
  if (registration.step !== 'agreement' || !registration.email || !registration.passwordHash) throw new RegistrationError('registration.stale', 'not at the agreement step');
  const now = deps.clock();
  const latest = await store.agreements.latest();
  const agreement = latest ? await acceptance(deps, registration, latest, signature, now) : null;
  const expiresAt = new Date(now.getTime() + REGISTRATION_TTL_MS);
  const claimed = updated(await store.registrations.update(registration.id, registration.revision, { step: 'sent', agreement, expiresAt }));
  const { person } = registration;
  let userId: string;
  try {
    const user = await store.users.create({
      email: registration.email,
      emailConfirmedAt: null,
      passwordHash: registration.passwordHash,
      iin: person.iin,
      surname: person.surname,
      givenName: person.givenName,
      patronymic: person.patronymic,
      phone: registration.phone,
      locale: registration.locale,
      lockedUntil: null,
      unconfirmedUntil: expiresAt,
    });
    userId = user.id;
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    await store.registrations.update(claimed.id, claimed.revision, { step: 'contacts', agreement: null });
    throw new RegistrationError(error.field === 'iin' ? 'registration.iin_taken' : 'registration.email_taken', `${error.field} taken meanwhile`);
  }
  const sent = updated(await store.registrations.update(claimed.id, claimed.revision, { userId }));
  await store.audit.record({ at: now, type: 'registration.submitted', userId, ip: null, details: { registration: registration.id, kind: registration.kind } });
  await sendConfirmation(deps, sent);
  return sent;
}

async function acceptance(
  deps: RegistrationDependencies,
  registration: RegistrationRecord,
  latest: AgreementVersion,
  signature: string | undefined,
  now: Date,
): Promise<PendingAgreement> {
  if (deps.settings.agreementSignature === 'off') return { version: latest.version, method: 'click', acceptedAt: now, evidence: null };
  if (!signature) throw new RegistrationError('registration.signature_required');
  const { signers } = await deps.verifier.verifyCms(signature, { expectedContent: agreementDocument(latest, registration), purpose: 'sign', singleSigner: true, at: now });
  const { iin } = registration.person;
  if (signers[0]!.iin !== iin) throw new RegistrationError('registration.signer_mismatch', 'signed by another IIN', { iin });
  return { version: latest.version, method: 'signature', acceptedAt: now, evidence: signature };
}

/**
 * A new single-use link, valid as long as the registration, at most 3 letters an hour to one address; a letter that
 * cannot be sent leaves the registration as it is, for «Отправить письмо повторно».
 */
export async function sendConfirmation(deps: RegistrationDependencies, registration: RegistrationRecord): Promise<void> {
  const { userId, email } = registration;
  if (registration.step !== 'sent' || !userId || !email) throw new RegistrationError('registration.stale', 'no account waits for a letter');
  try {
    await deps.limits.lettersPerEmail.consume(email);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new RegistrationError('registration.letter_limit', `letter limit for ${email}`, { minutes: String(Math.ceil(error.retryAfterSeconds / 60)) });
  }
  const secret = newLinkSecret();
  await deps.store.oneTimeTokens.save({ hash: linkSecretHash(secret), purpose: 'email_confirmation', userId, expiresAt: registration.expiresAt });
  try {
    await deps.sendLetter({ to: email, locale: registration.locale, link: `${deps.origin}/register/confirm/${secret}`, name: registration.person.givenName ?? undefined });
  } catch (error) {
    await deps.store.audit.record({
      at: deps.clock(), type: 'mail.failed', userId, ip: null,
      details: { letter: 'registration-confirm', detail: error instanceof Error ? error.message : String(error) },
    });
    throw new RegistrationError('registration.mail_failed', 'the letter was not accepted', { email });
  }
}
