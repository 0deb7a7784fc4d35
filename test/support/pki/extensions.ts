// X.509 extensions as NCA writes them (shapes taken from the sample certificates, CRLs and OCSP responses).
import {
  type Asn1,
  boolean,
  decode,
  encode,
  enumerated,
  explicit,
  ia5String,
  implicitConstructed,
  implicitPrimitive,
  integer,
  namedBits,
  nullValue,
  octetString,
  oid,
  sequence,
  utf8String,
} from './der.ts';
import { OID } from './oids.ts';

export interface Extension {
  readonly id: string;
  readonly critical: boolean;
  /** The extnValue octets. */
  readonly value: Uint8Array;
}

const extension = (id: string, critical: boolean, value: Asn1): Extension => ({ id, critical, value: encode(value) });

export function encodeExtensions(extensions: readonly Extension[]): Asn1 {
  return sequence(
    ...extensions.map(({ id, critical, value }) =>
      critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value)),
    ),
  );
}

const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

export type KeyUsage = keyof typeof KEY_USAGE_BITS;

export function keyUsage(usages: readonly KeyUsage[], critical = true): Extension {
  return extension(OID.keyUsage, critical, namedBits(usages.map((usage) => KEY_USAGE_BITS[usage])));
}

export function extendedKeyUsage(purposes: readonly string[]): Extension {
  return extension(OID.extKeyUsage, false, sequence(...purposes.map(oid)));
}

export function basicConstraintsCa(): Extension {
  return extension(OID.basicConstraints, true, sequence(boolean(true)));
}

/**
 * One policy with a CPS URI; RSA end-entity certificates add a userNotice whose explicitText (UTF8String) repeats
 * the URI.
 */
export function certificatePolicies(policy: string, cps: string, userNotice?: string): Extension {
  const qualifiers = [sequence(oid(OID.cpsQualifier), ia5String(cps))];
  if (userNotice !== undefined) qualifiers.push(sequence(oid(OID.userNoticeQualifier), sequence(utf8String(userNotice))));
  return extension(OID.certificatePolicies, false, sequence(sequence(oid(policy), sequence(...qualifiers))));
}

export function subjectKeyIdentifier(keyId: Uint8Array): Extension {
  return extension(OID.subjectKeyIdentifier, false, octetString(keyId));
}

/** keyid only (end entities, CRLs), or keyid + issuer directoryName + serial (NCA CA certificates). */
export function authorityKeyIdentifier(keyId: Uint8Array, issuer?: { name: Uint8Array; serial: Uint8Array }): Extension {
  const parts = [implicitPrimitive(0, keyId)];
  if (issuer) parts.push(implicitConstructed(1, explicit(4, decode(issuer.name))), implicitPrimitive(2, issuer.serial));
  return extension(OID.authorityKeyIdentifier, false, sequence(...parts));
}

const uri = (url: string) => implicitPrimitive(6, new TextEncoder().encode(url));

export type AccessDescription = { readonly method: 'ocsp' | 'caIssuers'; readonly url: string };

export function authorityInfoAccess(descriptions: readonly AccessDescription[]): Extension {
  const accessMethod = (method: AccessDescription['method']) => oid(method === 'ocsp' ? OID.accessOcsp : OID.accessCaIssuers);
  return extension(
    OID.authorityInfoAccess,
    false,
    sequence(...descriptions.map(({ method, url }) => sequence(accessMethod(method), uri(url)))),
  );
}

/** One DistributionPoint whose fullName lists the URLs. */
function distributionPoints(id: string, urls: readonly string[]): Extension {
  return extension(id, false, sequence(sequence(explicit(0, implicitConstructed(0, ...urls.map(uri))))));
}

export const crlDistributionPoints = (urls: readonly string[]): Extension => distributionPoints(OID.crlDistributionPoints, urls);
export const freshestCrl = (urls: readonly string[]): Extension => distributionPoints(OID.freshestCrl, urls);

/** 1.2.398.3.3.5 = SEQUENCE { 1.2.398.3.3.5.1.1 }: the key lives in a PKCS#12 file. */
export function ncaKeyStorePkcs12(): Extension {
  return extension(OID.ncaKeyStore, false, sequence(oid(OID.ncaKeyStorePkcs12)));
}

export function ocspNoCheck(): Extension {
  return extension(OID.ocspNoCheck, false, nullValue());
}

export function crlNumber(value: number): Extension {
  return extension(OID.crlNumber, false, integer(value));
}

export function deltaCrlIndicator(baseCrlNumber: number): Extension {
  return extension(OID.deltaCrlIndicator, true, integer(baseCrlNumber));
}

export function crlReason(code: number): Extension {
  return extension(OID.crlReason, false, enumerated(code));
}

/** The request's nonce extnValue, echoed verbatim (NCA: OCTET STRING { OCTET STRING nonce }). */
export function ocspNonce(extnValue: Uint8Array): Extension {
  return { id: OID.ocspNonce, critical: false, value: extnValue };
}

/** RFC 6960 §4.4.8, present in every NCA response seen: "revoked" may also mean "never issued". */
export function ocspExtendedRevoke(): Extension {
  return extension(OID.ocspExtendedRevoke, false, nullValue());
}
