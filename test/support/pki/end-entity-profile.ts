// Subject and extensions of NCA end-entity certificates (kz-pki.md §2.1–2.5). Extension order follows the samples:
// GOST as ncanode-go-kz/individual_valid (2026), RSA as the ncanode-go AUTH/SIGN set (2020) plus the key-store
// extension that 2023 RSA certificates carry.
import {
  type Extension,
  type KeyUsage,
  authorityInfoAccess,
  authorityKeyIdentifier,
  certificatePolicies,
  crlDistributionPoints,
  extendedKeyUsage,
  freshestCrl,
  keyUsage,
  ncaKeyStorePkcs12,
  subjectKeyIdentifier,
} from './extensions.ts';
import { type NameAttribute, nameAttribute as at } from './name.ts';
import { KEY_USER, OID, POLICY } from './oids.ts';
import { TEST_INFORMATION_SYSTEM, type TestOrganization, type TestPerson } from './people.ts';
import type { KeyAlgorithm } from './signer.ts';

export type Role =
  | 'individual'
  | 'firstHead'
  | 'signingRight'
  | 'financialSigningRight'
  | 'hr'
  | 'employee'
  | 'informationSystem';

/** RSA keys come in AUTH/SIGN pairs; a GOST-2015 key is a single key for both. */
export type KeyPurpose = 'auth' | 'sign' | 'single';

export interface PkiUrls {
  readonly ocsp: string;
  readonly crl: string;
  readonly deltaCrl: string;
  /** Where the intermediate certificate is published (end entities' AIA caIssuers). */
  readonly caIssuers: string;
  /** CRL of the root, named in the intermediate's CRL distribution points. */
  readonly rootCrl: string;
  readonly rootCaIssuers: string;
}

export const CPS_URL = 'http://pki.gov.kz/cps';

const ROLE_KEY_USERS: Readonly<Record<Role, readonly string[]>> = {
  individual: [KEY_USER.individual],
  firstHead: [KEY_USER.legalEntity, KEY_USER.firstHead],
  signingRight: [KEY_USER.legalEntity, KEY_USER.signingRight],
  financialSigningRight: [KEY_USER.legalEntity, KEY_USER.financialSigningRight],
  hr: [KEY_USER.legalEntity, KEY_USER.hr],
  employee: [KEY_USER.legalEntity, KEY_USER.employee],
  informationSystem: [KEY_USER.legalEntity, KEY_USER.informationSystem],
};

const KEY_USAGES: Readonly<Record<KeyPurpose, readonly KeyUsage[]>> = {
  auth: ['digitalSignature', 'keyEncipherment'],
  sign: ['digitalSignature', 'nonRepudiation'],
  single: ['digitalSignature', 'nonRepudiation', 'keyAgreement'],
};

export function defaultPurpose(algorithm: KeyAlgorithm): KeyPurpose {
  return algorithm === 'rsa' ? 'auth' : 'single';
}

export function extendedKeyUsages(role: Role, purpose: KeyPurpose): readonly string[] {
  const keyUsers = ROLE_KEY_USERS[role];
  if (purpose === 'auth') return [OID.clientAuth, ...keyUsers];
  // The GOST information-system sample (legal_valid_treasury_client) has key-user OIDs only.
  if (purpose === 'single' && role === 'informationSystem') return keyUsers;
  return [OID.emailProtection, ...keyUsers];
}

export function certificatePolicy(role: Role, purpose: KeyPurpose): string {
  if (purpose === 'single') return POLICY.gost;
  const individual = role === 'individual';
  if (purpose === 'auth') return individual ? POLICY.individualAuth : POLICY.legalEntityAuth;
  return individual ? POLICY.individualSign : POLICY.legalEntitySign;
}

export interface EndEntityParties {
  readonly person?: TestPerson;
  readonly organization?: TestOrganization;
}

/** GOST: CN, SURNAME, SERIALNUMBER, C, [O, OU], G. RSA adds L and ST after C and E at the end. IS: UID, CN, C, O, OU. */
export function endEntitySubject(algorithm: KeyAlgorithm, { person, organization }: EndEntityParties): NameAttribute[] {
  const company = organization ? [at.organization(organization.name), at.organizationalUnit(`BIN${organization.bin}`)] : [];
  if (!person) {
    if (!organization) throw new TypeError('an information-system certificate needs an organization');
    return [at.userId(TEST_INFORMATION_SYSTEM.uid), at.commonName(TEST_INFORMATION_SYSTEM.name), at.country('KZ'), ...company];
  }
  const head = [
    at.commonName(`${person.surname} ${person.name}`),
    at.surname(person.surname),
    at.serialNumber(`IIN${person.iin}`),
    at.country('KZ'),
  ];
  if (algorithm !== 'rsa') return [...head, ...company, at.givenName(person.patronymic)];
  const region = [at.locality('АСТАНА'), at.stateOrProvince('АСТАНА')];
  return [...head, ...region, ...company, at.givenName(person.patronymic), at.emailAddress(person.email)];
}

export interface EndEntityExtensionInput {
  readonly algorithm: KeyAlgorithm;
  readonly role: Role;
  readonly purpose: KeyPurpose;
  readonly subjectKeyId: Uint8Array;
  readonly issuerKeyId: Uint8Array;
  readonly urls: PkiUrls;
}

export function endEntityExtensions(input: EndEntityExtensionInput): Extension[] {
  const { algorithm, role, purpose, subjectKeyId, issuerKeyId, urls } = input;
  const usage = keyUsage(KEY_USAGES[purpose]);
  const eku = extendedKeyUsage(extendedKeyUsages(role, purpose));
  const crl = crlDistributionPoints([urls.crl]);
  const delta = freshestCrl([urls.deltaCrl]);
  const ski = subjectKeyIdentifier(subjectKeyId);
  const aki = authorityKeyIdentifier(issuerKeyId);
  const policy = certificatePolicy(role, purpose);
  if (algorithm !== 'rsa') {
    const aia = authorityInfoAccess([{ method: 'ocsp', url: urls.ocsp }, { method: 'caIssuers', url: urls.caIssuers }]);
    return [certificatePolicies(policy, CPS_URL), aia, crl, delta, eku, usage, ski, aki, ncaKeyStorePkcs12()];
  }
  const aia = authorityInfoAccess([{ method: 'caIssuers', url: urls.caIssuers }, { method: 'ocsp', url: urls.ocsp }]);
  return [usage, eku, aki, ski, certificatePolicies(policy, CPS_URL, CPS_URL), crl, delta, aia, ncaKeyStorePkcs12()];
}
