// Client side, for tests of the responder: an OCSPRequest as NCANode builds it (one CertID, SHA-256, nonce) and a
// POST helper.
import { randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import { encode, explicit, integer, nullValue, octetString, oid, sequence } from './der.ts';
import { encodeExtensions } from './extensions.ts';
import { type OcspHash, issuerHashes, ocspHashOid } from './ocsp-cert-id.ts';
import { OID } from './oids.ts';

export interface OcspRequestOptions {
  /** Default: 8 random bytes (as in the NCA samples); false sends no nonce. */
  readonly nonce?: Uint8Array | false;
  /** Default sha256. */
  readonly hash?: OcspHash;
}

export function buildOcspRequest(certificate: Uint8Array, issuer: Uint8Array, options: OcspRequestOptions = {}): Uint8Array {
  const hash = options.hash ?? 'sha256';
  const subject = pkijs.Certificate.fromBER(certificate);
  const issuerCertificate = pkijs.Certificate.fromBER(issuer);
  const { nameHash, keyHash } = issuerHashes(
    hash,
    new Uint8Array(issuerCertificate.subject.valueBeforeDecode),
    issuerCertificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
  );
  const certId = sequence(
    sequence(oid(ocspHashOid(hash)), nullValue()),
    octetString(nameHash),
    octetString(keyHash),
    integer(subject.serialNumber.valueBlock.valueHexView),
  );
  const nonce = options.nonce ?? new Uint8Array(randomBytes(8));
  const tbsRequest = [sequence(sequence(certId))];
  if (nonce) {
    const nonceExtension = { id: OID.ocspNonce, critical: false, value: encode(octetString(nonce)) };
    tbsRequest.push(explicit(2, encodeExtensions([nonceExtension])));
  }
  return encode(sequence(sequence(...tbsRequest)));
}

export async function postOcspRequest(url: string, request: Uint8Array): Promise<{ status: number; body: Uint8Array }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: request });
  return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
}
