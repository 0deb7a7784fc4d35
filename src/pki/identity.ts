import type { Certificate } from './certificate.ts';
import { nameAttribute } from './name.ts';
import { OID } from './oids.ts';

export type SubjectType = 'individual' | 'legal_entity';
export const CERTIFICATE_ROLES = ['first_head', 'signing_right', 'financial_signing_right', 'hr', 'employee', 'information_system'] as const;
export type CertificateRole = (typeof CERTIFICATE_ROLES)[number];

const ROLE_BY_OID: Readonly<Record<string, CertificateRole>> = {
  [OID.kzFirstHead]: 'first_head',
  [OID.kzSigningRight]: 'signing_right',
  [OID.kzFinancialSigningRight]: 'financial_signing_right',
  [OID.kzHr]: 'hr',
  [OID.kzEmployee]: 'employee',
  [OID.kzLegalEntityInformationSystem]: 'information_system',
};

/** The person (and company) a certificate names, read by OID — never from a DN string (reference/kz-pki.md §2.1). */
export interface CertificateIdentity {
  readonly iin: string | undefined;
  readonly bin: string | undefined;
  readonly commonName: string | undefined;
  readonly surname: string | undefined;
  readonly givenName: string | undefined;
  readonly patronymic: string | undefined;
  readonly organization: string | undefined;
  readonly email: string | undefined;
  readonly country: string | undefined;
  readonly subjectType: SubjectType;
  readonly roles: readonly CertificateRole[];
  readonly serialNumber: string;
  readonly issuer: string | undefined;
  readonly notBefore: string;
  readonly notAfter: string;
}

function prefixed(value: string | undefined, prefix: string): string | undefined {
  return value && new RegExp(`^${prefix}\\d{12}$`).test(value) ? value.slice(prefix.length) : undefined;
}

/** CN is "SURNAME NAME": the name is CN without the surname. */
function givenNameOf(commonName: string | undefined, surname: string | undefined): string | undefined {
  if (!commonName) return undefined;
  if (surname && commonName.startsWith(`${surname} `)) return commonName.slice(surname.length + 1).trim() || undefined;
  return surname ? undefined : commonName;
}

const identities = new WeakMap<Certificate, CertificateIdentity>();

export function certificateIdentity(certificate: Certificate): CertificateIdentity {
  let identity = identities.get(certificate);
  if (!identity) identities.set(certificate, (identity = readIdentity(certificate)));
  return identity;
}

function readIdentity(certificate: Certificate): CertificateIdentity {
  const { subject, extKeyUsage } = certificate;
  const commonName = nameAttribute(subject, OID.commonName);
  const surname = nameAttribute(subject, OID.surname);
  const bin = prefixed(nameAttribute(subject, OID.organizationalUnit), 'BIN');
  const legal = extKeyUsage.includes(OID.kzLegalEntity) || extKeyUsage.some((oid) => oid.startsWith(`${OID.kzLegalEntity}.`)) || bin !== undefined;
  return {
    iin: prefixed(nameAttribute(subject, OID.serialNumber), 'IIN'),
    bin,
    commonName,
    surname,
    givenName: givenNameOf(commonName, surname),
    patronymic: nameAttribute(subject, OID.givenName),
    organization: nameAttribute(subject, OID.organization),
    email: nameAttribute(subject, OID.emailAddress) ?? certificate.emails[0],
    country: nameAttribute(subject, OID.country),
    subjectType: legal ? 'legal_entity' : 'individual',
    roles: extKeyUsage.map((oid) => ROLE_BY_OID[oid]).filter((role): role is CertificateRole => role !== undefined),
    serialNumber: certificate.serialHex,
    issuer: nameAttribute(certificate.issuer, OID.commonName),
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}
