import type { OrganizationRecord, Store, UserRecord } from '../store.ts';
import { type Profile, type ProfileCertificate, availableProfiles } from './profiles.ts';

/** The profiles of a person at a client, given the certificate of this sign-in when there was one in this flow. */
export async function profilesFor(
  store: Pick<Store, 'clients' | 'participants' | 'organizations'>,
  user: UserRecord,
  clientId: string,
  certificate: ProfileCertificate | undefined,
): Promise<Profile[]> {
  const client = await store.clients.find(clientId);
  const participants = await store.participants.listByIin(user.iin);
  const organizations = new Map<string, OrganizationRecord>();
  for (const participant of participants) {
    const organization = await store.organizations.findByBin(participant.organizationBin);
    if (organization) organizations.set(organization.bin, organization);
  }
  return availableProfiles({
    certificate,
    participants,
    organizations,
    client: { profilePolicy: client?.profilePolicy ?? 'membership', profileTypes: client?.profileTypes ?? ['individual', 'legal_entity'] },
  });
}
