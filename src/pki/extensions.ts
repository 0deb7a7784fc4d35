import {
  type Der, TAG, children, contextTag, parseDer, readBoolean, readNamedBits, readOctetString, readOid, readSmallInteger, sequence,
} from './der.ts';
import { PkiError } from './errors.ts';
import { OID } from './oids.ts';

export interface Extension {
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export const KEY_USAGE = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
} as const;

/** Extensions whose meaning Kilt knows; a critical extension outside this set makes a certificate unusable (RFC 5280 §4.2). */
const UNDERSTOOD: ReadonlySet<string> = new Set([
  OID.subjectKeyIdentifier, OID.keyUsage, OID.subjectAltName, OID.basicConstraints, OID.crlDistributionPoints,
  OID.certificatePolicies, OID.authorityKeyIdentifier, OID.extKeyUsage, OID.freshestCrl, OID.authorityInfoAccess,
  OID.kzKeyStore, OID.ocspNoCheck,
]);

export function parseExtensions(element: Der | undefined, what: string): Map<string, Extension> {
  const extensions = new Map<string, Extension>();
  if (!element) return extensions;
  for (const extension of sequence(element, what)) {
    const fields = sequence(extension, `${what} entry`);
    if (fields.length < 2 || fields.length > 3) throw new PkiError('pki.malformed', `${what}: bad extension`);
    const oid = readOid(fields[0], `${what} id`);
    const critical = fields.length === 3 ? readBoolean(fields[1], `${what} critical`) : false;
    const value = readOctetString(fields[fields.length - 1], `${what} value`);
    if (extensions.has(oid)) throw new PkiError('pki.malformed', `${what}: ${oid} appears twice`);
    extensions.set(oid, { critical, value });
  }
  return extensions;
}

export function unknownCriticalExtension(extensions: ReadonlyMap<string, Extension>): string | undefined {
  for (const [oid, extension] of extensions) if (extension.critical && !UNDERSTOOD.has(oid)) return oid;
  return undefined;
}

export function decodeKeyUsage(extension: Extension | undefined): number | undefined {
  return extension && readNamedBits(parseDer(extension.value), 'keyUsage');
}

export function decodeExtKeyUsage(extension: Extension | undefined): string[] {
  if (!extension) return [];
  return sequence(parseDer(extension.value), 'extKeyUsage').map((oid) => readOid(oid, 'extKeyUsage'));
}

export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLength: number | undefined;
}

export function decodeBasicConstraints(extension: Extension | undefined): BasicConstraints | undefined {
  if (!extension) return undefined;
  const fields = sequence(parseDer(extension.value), 'basicConstraints');
  let index = 0;
  let ca = false;
  if (fields[index]?.tag === TAG.BOOLEAN) ca = readBoolean(fields[index++], 'basicConstraints cA');
  const pathLength = fields[index] ? readSmallInteger(fields[index++], 'basicConstraints pathLen') : undefined;
  if (index !== fields.length) throw new PkiError('pki.malformed', 'basicConstraints: extra fields');
  return { ca, pathLength };
}

export function decodeSubjectKeyIdentifier(extension: Extension | undefined): Uint8Array | undefined {
  return extension && readOctetString(parseDer(extension.value), 'subjectKeyIdentifier');
}

export function decodeAuthorityKeyIdentifier(extension: Extension | undefined): Uint8Array | undefined {
  if (!extension) return undefined;
  const keyId = sequence(parseDer(extension.value), 'authorityKeyIdentifier').find((field) => field.tag === contextTag(0, false));
  return keyId?.value;
}

export function decodePolicies(extension: Extension | undefined): string[] {
  if (!extension) return [];
  return sequence(parseDer(extension.value), 'certificatePolicies').map((info) => readOid(sequence(info, 'policyInformation')[0], 'policy'));
}

const URI_TAG = contextTag(6, false);
const RFC822_TAG = contextTag(1, false);
const textDecoder = new TextDecoder('latin1');

/** URLs of one access method in authorityInfoAccess (OCSP responders, CA issuers). */
export function decodeAccessUrls(extension: Extension | undefined, method: string): string[] {
  if (!extension) return [];
  const urls: string[] = [];
  for (const description of sequence(parseDer(extension.value), 'authorityInfoAccess')) {
    const [accessMethod, location] = sequence(description, 'accessDescription');
    if (readOid(accessMethod, 'accessMethod') === method && location?.tag === URI_TAG) urls.push(textDecoder.decode(location.value));
  }
  return urls;
}

/** URLs of the full names of cRLDistributionPoints / freshestCRL. */
export function decodeDistributionPointUrls(extension: Extension | undefined): string[] {
  if (!extension) return [];
  const urls: string[] = [];
  for (const point of sequence(parseDer(extension.value), 'distributionPoints')) {
    const name = sequence(point, 'distributionPoint').find((field) => field.tag === contextTag(0, true));
    const fullName = name && children(name).find((field) => field.tag === contextTag(0, true));
    for (const general of fullName ? children(fullName) : []) {
      if (general.tag === URI_TAG) urls.push(textDecoder.decode(general.value));
    }
  }
  return urls;
}

export function decodeSubjectAltNameEmails(extension: Extension | undefined): string[] {
  if (!extension) return [];
  return sequence(parseDer(extension.value), 'subjectAltName')
    .filter((name) => name.tag === RFC822_TAG)
    .map((name) => textDecoder.decode(name.value));
}
