import type { CertificateIdentity } from '../../pki/identity.ts';
import type { OrganizationRecord, ParticipantRecord, RegistrationKind } from '../store.ts';
import { RegistrationError } from './registration-error.ts';

/** Certificate roles that may register their company and administer it (DESIGN.md, Registration). */
export const ADMINISTRATOR_ROLES: readonly string[] = ['first_head', 'signing_right'];

/** Participant statuses under which an employee may register: the head added or restored them. */
const MAY_REGISTER = new Set(['added', 'restored']);

/**
 * What a registration with this certificate makes, given what Kilt knows of its company: a person, the head of a
 * company (who registers it), or an employee the head added. Refusals say why, by BIN.
 */
export function registrationKind(
  identity: Pick<CertificateIdentity, 'bin' | 'roles'>,
  organization: OrganizationRecord | null,
  participant: ParticipantRecord | null,
): RegistrationKind {
  const { bin } = identity;
  if (!bin) return 'individual';
  if (participant?.status === 'excluded') throw new RegistrationError('registration.excluded', `excluded from ${bin}`, { bin });
  if (identity.roles.some((role) => ADMINISTRATOR_ROLES.includes(role))) return 'company_head';
  if (!organization) throw new RegistrationError('registration.company_not_registered', `no company ${bin}`, { bin });
  if (!participant || !MAY_REGISTER.has(participant.status)) throw new RegistrationError('registration.not_added', `not a participant of ${bin}`, { bin });
  return 'employee';
}
