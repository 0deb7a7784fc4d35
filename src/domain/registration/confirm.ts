import { activateParticipant, enrollAdministrator } from '../participants/membership.ts';
import type { RegistrationRecord, UserRecord } from '../store.ts';
import { linkSecretHash } from '../link-secret.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { RegistrationError } from './registration-error.ts';

export interface ConfirmedRegistration {
  readonly user: UserRecord;
  /** The company the person now administers or belongs to, when the registration was for one. */
  readonly organization: { readonly bin: string; readonly name: string } | null;
  /** The sign-in the registration was started from. */
  readonly returnTo: string | null;
}

/**
 * Step 4's link: the account becomes active (the store lets exactly one click do it, and only within 24 hours), the
 * agreement acceptance is recorded, and a company registration takes effect — the company with its head as a
 * registered participant, or the added employee registered. A used, expired or unknown link is
 * `registration.link_invalid`.
 */
export async function confirmRegistration(deps: RegistrationDependencies, secret: string, ip: string | null): Promise<ConfirmedRegistration> {
  const { store } = deps;
  const now = deps.clock();
  const token = await store.oneTimeTokens.consume(linkSecretHash(secret), 'email_confirmation', now);
  const registration = token && (await store.registrations.findByUserId(token.userId, now));
  const user = registration && (await store.users.confirm(token.userId, now));
  if (!registration || !user) throw new RegistrationError('registration.link_invalid');
  if (registration.agreement) await store.agreements.recordAcceptance({ userId: user.id, ...registration.agreement });
  const organization = await joinCompany(deps, registration, user, ip);
  await store.audit.record({ at: now, type: 'registration.confirmed', userId: user.id, ip, details: { kind: registration.kind, bin: registration.person.bin } });
  await store.registrations.remove(registration.id);
  return { user, organization, returnTo: registration.returnTo };
}

/**
 * The company side, checked again at confirmation: the head may have excluded the person in the meantime, and then
 * the account is an individual's only.
 */
async function joinCompany(deps: RegistrationDependencies, registration: RegistrationRecord, user: UserRecord, ip: string | null) {
  const { store } = deps;
  const { bin, organizationName, iin } = registration.person;
  if (!bin || registration.kind === 'individual') return null;
  const member = { bin, iin, userId: user.id, ip, at: deps.clock() };
  const participant = registration.kind === 'company_head'
    ? await enrollAdministrator(store, { ...member, name: organizationName ?? bin })
    : await activateParticipant(store, member);
  const organization = await store.organizations.findByBin(bin);
  if (participant?.status !== 'registered' || !organization) {
    // enrollAdministrator answers null for an excluded head: the audit still says why.
    const status = participant?.status ?? (await store.participants.find(bin, iin))?.status ?? null;
    await store.audit.record({ at: member.at, type: 'registration.company_refused', userId: user.id, ip, details: { bin, status } });
    return null;
  }
  return { bin, name: organization.name };
}
