// The named end entities every test PKI contains: one per NCA role, one per certificate status, and for RSA the
// SIGN half of each AUTH/SIGN pair.
import type { CrlReason } from './crl.ts';
import type { KeyPurpose, Role } from './end-entity-profile.ts';
import { currentValidity } from './end-entity.ts';
import type { KeyAlgorithm } from './signer.ts';

export type StatusProfile = 'expired' | 'notYetValid' | 'revokedOnHold' | 'revokedKeyCompromise' | 'revokedOcspOnly';
export type CommonEndEntityName = Role | StatusProfile;
/** The SIGN key of each RSA pair; the plain role names are the AUTH (login) keys. */
export type RsaSignName = `${Role}Sign`;
/** Not distributive: a TestPki<KeyAlgorithm> promises only the names every algorithm has. */
export type EndEntityName<A extends KeyAlgorithm> = [A] extends ['rsa'] ? CommonEndEntityName | RsaSignName : CommonEndEntityName;

export interface CatalogueEntry {
  readonly name: string;
  readonly role: Role;
  readonly purpose?: KeyPurpose;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface InitialRevocation {
  readonly name: StatusProfile;
  readonly reason: CrlReason;
  readonly revokedAt: Date;
  /** False: revoked after the current CRL was published (thisUpdate is 12 hours back), so only OCSP knows. */
  readonly listedOnCrl: boolean;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ROLES: readonly Role[] = [
  'individual',
  'firstHead',
  'signingRight',
  'financialSigningRight',
  'hr',
  'employee',
  'informationSystem',
];

export function catalogue(algorithm: KeyAlgorithm, now: Date): CatalogueEntry[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const current = currentValidity(now);
  const entries: CatalogueEntry[] = ROLES.map((role) => ({ name: role, role, ...current }));
  entries.push(
    { name: 'expired', role: 'individual', notBefore: at(-400), notAfter: at(-35) },
    { name: 'notYetValid', role: 'individual', notBefore: at(30), notAfter: at(395) },
    { name: 'revokedOnHold', role: 'individual', ...current },
    { name: 'revokedKeyCompromise', role: 'individual', ...current },
    { name: 'revokedOcspOnly', role: 'individual', ...current },
  );
  if (algorithm === 'rsa') {
    entries.push(...ROLES.map((role) => ({ name: `${role}Sign`, role, purpose: 'sign' as const, ...current })));
  }
  return entries;
}

/** Hold is what the NCA TEST CA uses for its "revoked" keys; keyCompromise is the other reason the brief asks for. */
export function initialRevocations(now: Date): InitialRevocation[] {
  const before = (milliseconds: number) => new Date(now.getTime() - milliseconds);
  return [
    { name: 'revokedOnHold', reason: 'certificateHold', revokedAt: before(2 * DAY), listedOnCrl: true },
    { name: 'revokedKeyCompromise', reason: 'keyCompromise', revokedAt: before(3 * DAY), listedOnCrl: true },
    { name: 'revokedOcspOnly', reason: 'keyCompromise', revokedAt: before(HOUR), listedOnCrl: false },
  ];
}
