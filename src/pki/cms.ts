import { type AlgorithmIdentifier, hasNoParameters, parseAlgorithmIdentifier } from './algorithm-identifier.ts';
import type { Certificate } from './certificate.ts';
import { parseCertificateCached } from './certificate-cache.ts';
import {
  type Der, TAG, bytesEqual, children, contextTag, expectTag, parseDer, readIntegerBytes, readOctetString, readOid, readSmallInteger, sequence,
  unwrapExplicit,
} from './der.ts';
import { PkiError } from './errors.ts';
import { OID } from './oids.ts';

export type SignerIdentifier =
  | { readonly kind: 'issuerAndSerialNumber'; readonly issuer: Uint8Array; readonly serialNumber: Uint8Array }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyIdentifier: Uint8Array };

export interface SignerInfo {
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: AlgorithmIdentifier;
  /** DER of the signed attributes as the signature covers them: re-tagged from [0] to SET (RFC 5652 §5.4). */
  readonly signedAttributesDer: Uint8Array | undefined;
  /** Values by attribute type; RFC 5652 allows each type once. */
  readonly signedAttributes: ReadonlyMap<string, readonly Der[]>;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
}

export interface SignedData {
  readonly contentType: string;
  /** Present when the content is encapsulated (attached). */
  readonly content: Uint8Array | undefined;
  readonly certificates: readonly Certificate[];
  readonly signers: readonly SignerInfo[];
}

const PEM_ARMOUR = /-----(BEGIN|END) [A-Z0-9 ]+-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Accepts what NCALayer gives: `basics.sign` returns PEM-armoured text (`-----BEGIN CMS-----`), the legacy
 * `commonUtils` bare base64; files hold DER.
 */
export function decodeCmsInput(input: string | Uint8Array): Uint8Array {
  if (typeof input !== 'string') {
    if (input[0] === TAG.SEQUENCE) return input;
    input = Buffer.from(input.buffer, input.byteOffset, input.length).toString('latin1');
  }
  const base64 = input.replace(PEM_ARMOUR, '').replace(/\s+/g, '');
  if (base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) throw new PkiError('pki.malformed', 'CMS: neither DER, base64 nor PEM');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Digest algorithms take no parameters; absent and NULL are both seen (RFC 5754 §2). */
function parseDigestAlgorithm(element: Der | undefined): AlgorithmIdentifier {
  const algorithm = parseAlgorithmIdentifier(element, 'digestAlgorithm');
  if (!hasNoParameters(algorithm)) throw new PkiError('pki.malformed', `digest algorithm ${algorithm.oid} with parameters`);
  return algorithm;
}

function parseAttributes(element: Der): Map<string, Der[]> {
  const attributes = new Map<string, Der[]>();
  for (const attribute of children(element)) {
    const [type, values] = sequence(attribute, 'attribute');
    const oid = readOid(type, 'attribute type');
    if (attributes.has(oid)) throw new PkiError('pki.malformed', `CMS: attribute ${oid} appears twice`);
    attributes.set(oid, children(expectTag(values, TAG.SET, 'attribute values')));
  }
  return attributes;
}

function parseSignerIdentifier(element: Der | undefined): SignerIdentifier {
  if (element?.tag === contextTag(0, false)) return { kind: 'subjectKeyIdentifier', keyIdentifier: element.value };
  const [issuer, serial] = sequence(element, 'issuerAndSerialNumber');
  return { kind: 'issuerAndSerialNumber', issuer: expectTag(issuer, TAG.SEQUENCE, 'issuer').raw, serialNumber: readIntegerBytes(serial, 'serialNumber') };
}

function parseSignerInfo(element: Der): SignerInfo {
  const fields = sequence(element, 'SignerInfo');
  const version = readSmallInteger(fields[0], 'SignerInfo version');
  const sid = parseSignerIdentifier(fields[1]);
  if (version !== (sid.kind === 'subjectKeyIdentifier' ? 3 : 1)) throw new PkiError('pki.malformed', `SignerInfo version ${version} with ${sid.kind}`);
  const digestAlgorithm = parseDigestAlgorithm(fields[2]);
  let index = 3;
  let signedAttributesDer: Uint8Array | undefined;
  let signedAttributes = new Map<string, Der[]>();
  if (fields[index]?.tag === contextTag(0, true)) {
    const element = fields[index++]!;
    signedAttributesDer = Uint8Array.from(element.raw);
    signedAttributesDer[0] = TAG.SET;
    signedAttributes = parseAttributes(element);
  }
  const signatureAlgorithm = parseAlgorithmIdentifier(fields[index++], 'signatureAlgorithm');
  const signature = readOctetString(fields[index++], 'signature');
  if (fields[index]?.tag === contextTag(1, true)) index++;
  if (index !== fields.length) throw new PkiError('pki.malformed', 'SignerInfo: unexpected field');
  return { sid, digestAlgorithm, signedAttributesDer, signedAttributes, signatureAlgorithm, signature };
}

/** Parses ContentInfo → SignedData (RFC 5652 §5). */
export function parseSignedData(der: Uint8Array): SignedData {
  const [contentType, wrapped, ...rest] = sequence(parseDer(der), 'ContentInfo');
  if (readOid(contentType, 'contentType') !== OID.signedData) throw new PkiError('pki.malformed', 'CMS: not SignedData');
  if (rest.length > 0 || wrapped?.tag !== contextTag(0, true)) throw new PkiError('pki.malformed', 'CMS: bad ContentInfo');
  const fields = sequence(unwrapExplicit(wrapped, 'content'), 'SignedData');
  const version = readSmallInteger(fields[0], 'SignedData version');
  const digestAlgorithms = sequence(fields[1], 'digestAlgorithms', TAG.SET).map((algorithm) => parseDigestAlgorithm(algorithm).oid);
  const [eContentType, eContent, ...extra] = sequence(fields[2], 'encapContentInfo');
  if (extra.length > 0) throw new PkiError('pki.malformed', 'CMS: bad encapContentInfo');
  let content: Uint8Array | undefined;
  if (eContent) {
    if (eContent.tag !== contextTag(0, true)) throw new PkiError('pki.malformed', 'CMS: bad eContent');
    content = readOctetString(unwrapExplicit(eContent, 'eContent'), 'eContent');
  }
  let index = 3;
  let certificates: Certificate[] = [];
  if (fields[index]?.tag === contextTag(0, true)) {
    certificates = children(fields[index++]!)
      .filter((choice) => choice.tag === TAG.SEQUENCE)
      .map((certificate) => parseCertificateCached(certificate.raw));
  }
  if (fields[index]?.tag === contextTag(1, true)) index++;
  const signers = sequence(fields[index++], 'signerInfos', TAG.SET).map(parseSignerInfo);
  if (index !== fields.length) throw new PkiError('pki.malformed', 'SignedData: unexpected field');
  // Fields outside every signature must still be what RFC 5652 §5.1 says, so that no byte of a CMS is free to change.
  const expectedVersion = signers.some((signer) => signer.sid.kind === 'subjectKeyIdentifier') ? 3 : 1;
  if (version !== expectedVersion) throw new PkiError('pki.malformed', `SignedData version ${version}, expected ${expectedVersion}`);
  if (!signers.every((signer) => digestAlgorithms.includes(signer.digestAlgorithm.oid))) throw new PkiError('pki.malformed', 'CMS: a signer digest algorithm is not listed');
  return { contentType: readOid(eContentType, 'eContentType'), content, certificates, signers };
}

export function findSignerCertificate(signedData: SignedData, sid: SignerIdentifier): Certificate | undefined {
  const equal = (a: Uint8Array, b: Uint8Array | undefined): boolean => b !== undefined && bytesEqual(a, b);
  return signedData.certificates.find((certificate) =>
    sid.kind === 'issuerAndSerialNumber'
      ? equal(sid.issuer, certificate.issuer.der) && equal(sid.serialNumber, certificate.serialNumber)
      : equal(sid.keyIdentifier, certificate.subjectKeyIdentifier),
  );
}

/** The single value of a signed attribute, or undefined when absent; several values are malformed. */
export function singleAttribute(signer: SignerInfo, oid: string): Der | undefined {
  const values = signer.signedAttributes.get(oid);
  if (!values) return undefined;
  if (values.length !== 1) throw new PkiError('pki.malformed', `CMS: attribute ${oid} must have one value`);
  return values[0];
}
