// CMS SignedData exactly as KalkanCrypt (and so NCALayer) makes it: one signer, only the signer's certificate,
// signed attributes contentType, signingTime (UTCTime), messageDigest — in that order, which is also DER order.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningIdentity } from './certificate.ts';
import {
  altered,
  decode,
  encode,
  explicit,
  implicitConstructed,
  implicitPrimitive,
  integer,
  octetString,
  oid,
  sequence,
  set,
  time,
  toPem,
} from './der.ts';
import { OID } from './oids.ts';
import { digest, digestAlgorithm, signData, signatureAlgorithm } from './signer.ts';

/** What to break after signing: the attached content, the signature value, or the signed messageDigest. */
export type CmsTamper = 'content' | 'signature' | 'messageDigest';

export interface CmsOptions {
  /** Default false: the content is attached as eContent, as the IdP asks NCALayer to do. */
  readonly detached?: boolean;
  /** Default: now. */
  readonly signingTime?: Date;
  readonly tamper?: CmsTamper;
  /** Default 'issuerAndSerialNumber' (SignerInfo v1, as Kalkan); 'subjectKeyIdentifier' gives v3. */
  readonly signerIdentifier?: 'issuerAndSerialNumber' | 'subjectKeyIdentifier';
  /** Default true. */
  readonly includeCertificate?: boolean;
}

function signerIdentifier(certificateDer: Uint8Array, kind: CmsOptions['signerIdentifier']) {
  const certificate = pkijs.Certificate.fromBER(certificateDer);
  if (kind === 'subjectKeyIdentifier') {
    const extension = certificate.extensions?.find((candidate) => candidate.extnID === OID.subjectKeyIdentifier);
    if (!extension) throw new TypeError('the certificate has no subjectKeyIdentifier');
    const keyId = decode(extension.extnValue.valueBlock.valueHexView);
    if (!(keyId instanceof asn1js.OctetString)) throw new TypeError('malformed subjectKeyIdentifier');
    return implicitPrimitive(0, keyId.valueBlock.valueHexView);
  }
  const issuer = decode(new Uint8Array(certificate.issuer.valueBeforeDecode));
  return sequence(issuer, integer(certificate.serialNumber.valueBlock.valueHexView));
}

export function signCms(content: Uint8Array | string, identity: SigningIdentity, options: CmsOptions = {}): Uint8Array {
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const { algorithm } = identity.signer;
  const { detached = false, tamper, includeCertificate = true } = options;
  if (tamper === 'content' && detached) throw new TypeError("tamper 'content' needs attached content");
  const messageDigest = digest(algorithm, tamper === 'messageDigest' ? altered(data) : data);
  const attributes = encode(
    set(
      sequence(oid(OID.contentType), set(oid(OID.data))),
      sequence(oid(OID.signingTime), set(time(options.signingTime ?? new Date()))),
      sequence(oid(OID.messageDigest), set(octetString(messageDigest))),
    ),
  );
  const signature = signData(identity.signer, attributes);
  // RFC 5652 §5.4: the signature covers the attributes as a SET (0x31); in SignerInfo they are [0] IMPLICIT (0xA0).
  const implicitAttributes = Uint8Array.from(attributes);
  implicitAttributes[0] = 0xa0;
  const bySubjectKeyId = options.signerIdentifier === 'subjectKeyIdentifier';
  const signerInfo = sequence(
    integer(bySubjectKeyId ? 3 : 1),
    signerIdentifier(identity.der, options.signerIdentifier),
    digestAlgorithm(algorithm),
    decode(implicitAttributes),
    signatureAlgorithm(algorithm),
    octetString(tamper === 'signature' ? altered(signature) : signature),
  );
  const encapsulated = detached
    ? sequence(oid(OID.data))
    : sequence(oid(OID.data), explicit(0, octetString(tamper === 'content' ? altered(data) : data)));
  const signedData = [integer(bySubjectKeyId ? 3 : 1), set(digestAlgorithm(algorithm)), encapsulated];
  if (includeCertificate) signedData.push(implicitConstructed(0, decode(identity.der)));
  signedData.push(set(signerInfo));
  return encode(sequence(oid(OID.signedData), explicit(0, sequence(...signedData))));
}

/** NCALayer `basics.sign` with format "cms": PEM-armoured, 64-character lines. */
export function cmsToPem(der: Uint8Array): string {
  return toPem('CMS', der);
}

/** NCALayer `commonUtils.createCMSSignatureFromBase64`: bare base64 of the DER. */
export function cmsToBase64(der: Uint8Array): string {
  return Buffer.from(der).toString('base64');
}
