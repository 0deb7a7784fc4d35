import { type AlgorithmIdentifier, parseAlgorithmIdentifier } from './algorithm-identifier.ts';
import {
  type Der, TAG, contextTag, parseDer, readBitStringBytes, readIntegerBytes, readSmallInteger, readTime, sequence, toHex, unwrapExplicit,
} from './der.ts';
import { PkiError } from './errors.ts';
import {
  type BasicConstraints, type Extension, decodeAccessUrls, decodeAuthorityKeyIdentifier, decodeBasicConstraints,
  decodeDistributionPointUrls, decodeExtKeyUsage, decodeKeyUsage, decodePolicies, decodeSubjectAltNameEmails,
  decodeSubjectKeyIdentifier, parseExtensions,
} from './extensions.ts';
import { type Name, parseName } from './name.ts';
import { OID } from './oids.ts';

export interface SubjectPublicKeyInfo {
  readonly der: Uint8Array;
  readonly algorithm: AlgorithmIdentifier;
  /** The subjectPublicKey BIT STRING contents. */
  readonly key: Uint8Array;
}

export interface Certificate {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly version: number;
  /** INTEGER contents (with a leading 00 where the value needs it), for CertIDs and issuerAndSerialNumber. */
  readonly serialNumber: Uint8Array;
  /** Lowercase hex without a sign octet, as NCA and NCANode print it. */
  readonly serialHex: string;
  readonly issuer: Name;
  readonly subject: Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKeyInfo: SubjectPublicKeyInfo;
  readonly extensions: ReadonlyMap<string, Extension>;
  readonly keyUsage: number | undefined;
  readonly extKeyUsage: readonly string[];
  readonly basicConstraints: BasicConstraints | undefined;
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  readonly policies: readonly string[];
  readonly ocspUrls: readonly string[];
  readonly crlUrls: readonly string[];
  readonly deltaCrlUrls: readonly string[];
  readonly emails: readonly string[];
}

export function serialToHex(serial: Uint8Array): string {
  return toHex(serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial);
}

export function parseSubjectPublicKeyInfo(element: Der | undefined, what: string): SubjectPublicKeyInfo {
  const [algorithm, key, ...rest] = sequence(element, what);
  if (rest.length > 0) throw new PkiError('pki.malformed', `${what}: extra fields`);
  return { der: element!.raw, algorithm: parseAlgorithmIdentifier(algorithm, `${what} algorithm`), key: readBitStringBytes(key, `${what} key`) };
}

/** Parses an X.509 certificate; decoding only, no judgement of validity. */
export function parseCertificate(der: Uint8Array): Certificate {
  const root = parseDer(der);
  const [tbsElement, signatureAlgorithmElement, signatureElement, ...rest] = sequence(root, 'certificate');
  if (rest.length > 0) throw new PkiError('pki.malformed', 'certificate: extra fields');
  const fields = sequence(tbsElement, 'tbsCertificate');
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === contextTag(0, true)) {
    version = readSmallInteger(unwrapExplicit(fields[0], 'version'), 'version') + 1;
    index++;
  }
  const serialNumber = readIntegerBytes(fields[index++], 'serialNumber');
  const innerSignature = parseAlgorithmIdentifier(fields[index++], 'signature');
  const issuer = parseName(fields[index++], 'issuer');
  const [notBeforeElement, notAfterElement] = sequence(fields[index++], 'validity');
  const subject = parseName(fields[index++], 'subject');
  const publicKeyInfo = parseSubjectPublicKeyInfo(fields[index++], 'subjectPublicKeyInfo');
  let extensionsElement: Der | undefined;
  for (; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.tag === contextTag(3, true)) extensionsElement = unwrapExplicit(field, 'extensions');
    else if (field.tag !== contextTag(1, false) && field.tag !== contextTag(2, false)) throw new PkiError('pki.malformed', 'tbsCertificate: unexpected field');
  }
  const signatureAlgorithm = parseAlgorithmIdentifier(signatureAlgorithmElement, 'signatureAlgorithm');
  if (!sameAlgorithm(innerSignature, signatureAlgorithm)) throw new PkiError('pki.malformed', 'certificate: signature algorithms differ');
  const extensions = parseExtensions(extensionsElement, 'extensions');
  const aia = extensions.get(OID.authorityInfoAccess);
  return {
    der: root.raw,
    tbs: tbsElement!.raw,
    signatureAlgorithm,
    signature: readBitStringBytes(signatureElement, 'signatureValue'),
    version,
    serialNumber,
    serialHex: serialToHex(serialNumber),
    issuer,
    subject,
    notBefore: readTime(notBeforeElement, 'notBefore'),
    notAfter: readTime(notAfterElement, 'notAfter'),
    publicKeyInfo,
    extensions,
    keyUsage: decodeKeyUsage(extensions.get(OID.keyUsage)),
    extKeyUsage: decodeExtKeyUsage(extensions.get(OID.extKeyUsage)),
    basicConstraints: decodeBasicConstraints(extensions.get(OID.basicConstraints)),
    subjectKeyIdentifier: decodeSubjectKeyIdentifier(extensions.get(OID.subjectKeyIdentifier)),
    authorityKeyIdentifier: decodeAuthorityKeyIdentifier(extensions.get(OID.authorityKeyIdentifier)),
    policies: decodePolicies(extensions.get(OID.certificatePolicies)),
    ocspUrls: decodeAccessUrls(aia, OID.accessOcsp),
    crlUrls: decodeDistributionPointUrls(extensions.get(OID.crlDistributionPoints)),
    deltaCrlUrls: decodeDistributionPointUrls(extensions.get(OID.freshestCrl)),
    emails: decodeSubjectAltNameEmails(extensions.get(OID.subjectAltName)),
  };
}

function sameAlgorithm(a: AlgorithmIdentifier, b: AlgorithmIdentifier): boolean {
  if (a.oid !== b.oid) return false;
  const pa = a.parameters?.raw;
  const pb = b.parameters?.raw;
  return pa === pb || (pa !== undefined && pb !== undefined && Buffer.compare(pa, pb) === 0);
}

export function isSelfIssued(certificate: Certificate): boolean {
  return Buffer.compare(certificate.issuer.der, certificate.subject.der) === 0;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \1-----/g;

/** Every PEM block of the given labels in a text, or the bytes themselves when they are DER. */
export function decodePemOrDer(input: Uint8Array, labels: readonly string[]): Uint8Array[] {
  if (input[0] === TAG.SEQUENCE) return [input];
  const text = Buffer.from(input.buffer, input.byteOffset, input.length).toString('latin1');
  const blocks: Uint8Array[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    if (labels.includes(match[1]!)) blocks.push(new Uint8Array(Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64')));
  }
  return blocks;
}
