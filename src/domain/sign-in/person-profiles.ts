import type { OrganizationRecord, Store, UserRecord } from '../store.ts';
import { type Profile, type ProfileCertificate, availableProfiles } from './profiles.ts';

/** The profiles of a person at a client, given the certificate of this sign-in when there was one in this flow. */
export async function profilesFor(
  store: Pick<Store, 'clients' | 'participants' | 'organizations'>,
  user: UserRecord,
  clientId: string,
  certificate: ProfileCertificate | undefined,
): Promise<Profile[]> {
  const [client, participants] = await Promise.all([store.clients.find(clientId), store.participants.listByIin(user.iin)]);
  const bins = [...new Set(participants.map((participant) => participant.organizationBin))];
  const found = await Promise.all(bins.map((bin) => store.organizations.findByBin(bin)));
  const organizations = new Map<string, OrganizationRecord>(found.flatMap((organization) => (organization ? [[organization.bin, organization] as const] : [])));
  return availableProfiles({
    certificate,
    participants,
    organizations,
    client: { profilePolicy: client?.profilePolicy ?? 'membership', profileTypes: client?.profileTypes ?? ['individual', 'legal_entity'] },
  });
}
