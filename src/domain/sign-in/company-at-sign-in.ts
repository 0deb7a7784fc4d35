import type { CertificateIdentity } from '../../pki/identity.ts';
import { activateParticipant } from '../participants/membership.ts';
import { ADMINISTRATOR_ROLES } from '../registration/registrant.ts';
import type { Store, UserRecord } from '../store.ts';

/** A company the person may register (or join as its administrator) on one screen, by their certificate's role. */
export interface CompanyOffer {
  readonly bin: string;
  readonly name: string;
}

/**
 * What signing in with a company's certificate changes: an added or restored participant becomes «Зарегистрирован»
 * (a person with an account does not register again for a company); a first head or signing-right holder whom the
 * company does not know yet is offered to register it, or to join it as its administrator.
 */
export async function companyOfSignIn(
  store: Pick<Store, 'organizations' | 'participants' | 'audit'>,
  signIn: { readonly user: UserRecord; readonly certificate: Pick<CertificateIdentity, 'bin' | 'roles' | 'organization'>; readonly ip: string | null; readonly at: Date },
): Promise<CompanyOffer | null> {
  const { bin, roles, organization } = signIn.certificate;
  if (!bin) return null;
  const participant = await activateParticipant(store, { bin, iin: signIn.user.iin, userId: signIn.user.id, ip: signIn.ip, at: signIn.at });
  if (participant || !roles.some((role) => ADMINISTRATOR_ROLES.includes(role))) return null;
  return { bin, name: organization ?? bin };
}
