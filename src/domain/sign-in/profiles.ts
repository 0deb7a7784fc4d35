import { z } from 'zod';
import type { CertificateIdentity } from '../../pki/identity.ts';
import type { ClientRecord, OrganizationRecord, ParticipantRecord } from '../store.ts';

/** Who the person acts as at a relying party: the `organization` claim. */
export interface Profile {
  readonly type: 'individual' | 'legal_entity';
  readonly bin: string | null;
  readonly name: string;
  /** The participant role in the company and the roles of the certificate when it is that company's. */
  readonly roles: readonly string[];
}

/** A profile as it travels in an interaction's result, read back from the store. */
export const profileSchema = z.object({
  type: z.enum(['individual', 'legal_entity']),
  bin: z.string().regex(/^\d{12}$/).nullable(),
  name: z.string(),
  roles: z.array(z.string()),
});

/** What of the sign-in certificate matters to profiles; absent when the session's sign-in was in another flow. */
export type ProfileCertificate = Pick<CertificateIdentity, 'bin' | 'roles'>;

export interface ProfileContext {
  readonly certificate: ProfileCertificate | undefined;
  /** The person's participations (by IIN), any status. */
  readonly participants: readonly ParticipantRecord[];
  readonly organizations: ReadonlyMap<string, OrganizationRecord>;
  readonly client: Pick<ClientRecord, 'profilePolicy' | 'profileTypes'>;
}

/** Statuses that let a person act for a company; «Восстановлен» becomes «Зарегистрирован» with this sign-in. */
const ACTIVE = new Set(['registered', 'restored']);

/** Whether this participation lets the person act for its company. */
export const actsForCompany = (participant: Pick<ParticipantRecord, 'status'> | null): boolean => participant !== null && ACTIVE.has(participant.status);

export const INDIVIDUAL_NAME = 'Физическое лицо';

/**
 * «Физическое лицо» plus each company where the person is an active participant; a client with the `certificate`
 * policy (Keden style) accepts a company only when this sign-in's certificate is that company's (so a session
 * reused from another flow, without a certificate at hand, offers no company there).
 */
export function availableProfiles(context: ProfileContext): Profile[] {
  const { certificate, client } = context;
  const profiles: Profile[] = [];
  if (client.profileTypes.includes('individual')) profiles.push({ type: 'individual', bin: null, name: INDIVIDUAL_NAME, roles: [] });
  if (!client.profileTypes.includes('legal_entity')) return profiles;
  for (const participant of context.participants) {
    if (!actsForCompany(participant)) continue;
    const organization = context.organizations.get(participant.organizationBin);
    if (!organization) continue;
    const certificateRoles = certificate && certificate.bin === organization.bin ? certificate.roles : undefined;
    if (client.profilePolicy === 'certificate' && !certificateRoles) continue;
    profiles.push({
      type: 'legal_entity',
      bin: organization.bin,
      name: organization.name,
      roles: [participant.role, ...(certificateRoles ?? [])],
    });
  }
  return profiles;
}

/** Whether a profile is the one a `profile_hint` (or the profile form's value) names: 'individual' or a BIN. */
export const matchesHint = (profile: Profile, hint: string): boolean =>
  hint === 'individual' ? profile.type === 'individual' : profile.bin === hint;

/**
 * The profile taken without asking: the one a `profile_hint` names, else the only one (KNP style: several are
 * offered). A hint naming a company the person cannot act for is not passed over in silence even when one profile
 * remains: the screen says why.
 */
export function silentProfile(profiles: readonly Profile[], hint: string | undefined): Profile | undefined {
  const bin = hintedBin(hint);
  if (bin !== undefined && !profiles.some((profile) => profile.bin === bin)) return undefined;
  const hinted = hint === undefined ? undefined : profiles.find((profile) => matchesHint(profile, hint));
  return hinted ?? (profiles.length === 1 ? profiles[0] : undefined);
}

/** The `profile_hint` of an authorization request: 'individual', a BIN, or anything a client sent. */
export const profileHintOf = (params: Readonly<Record<string, unknown>>): string | undefined =>
  typeof params['profile_hint'] === 'string' ? params['profile_hint'] : undefined;

/** The BIN a hint names, when it names a company. */
export const hintedBin = (hint: string | undefined): string | undefined => (hint !== undefined && /^\d{12}$/.test(hint) ? hint : undefined);
