import { createHash } from 'node:crypto';
import { parseAlgorithmIdentifier } from '../algorithm-identifier.ts';
import { type Certificate, parseCertificate } from '../certificate.ts';
import {
  type Der, TAG, bytesEqual, children, contextTag, parseDer, readBitStringBytes, readEnumerated, readIntegerBytes, readOctetString,
  readOid, readTime, sequence, unwrapExplicit,
} from '../der.ts';
import { DER_NULL, encodeOid, encodeTlv } from '../der-write.ts';
import { PkiError } from '../errors.ts';
import { KEY_USAGE, parseExtensions, unknownCriticalExtension } from '../extensions.ts';
import { OID } from '../oids.ts';
import { signatureScheme, verifySignature } from '../signature.ts';
import { namesChain, type TrustedCa } from '../trust-store.ts';
import { type CrlReason, crlReason } from './crl.ts';

/** SHA-256 CertID, as NCANode asks NCA's responder (reference/kz-pki.md §2.7). */
export interface CertId {
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  readonly serialNumber: Uint8Array;
}

export function certIdFor(certificate: Certificate, issuer: Certificate): CertId {
  return {
    issuerNameHash: createHash('sha256').update(issuer.subject.der).digest(),
    issuerKeyHash: createHash('sha256').update(issuer.publicKeyInfo.key).digest(),
    serialNumber: certificate.serialNumber,
  };
}

function encodeCertId(id: CertId): Uint8Array {
  return encodeTlv(
    TAG.SEQUENCE,
    encodeTlv(TAG.SEQUENCE, encodeOid(OID.sha256), DER_NULL),
    encodeTlv(TAG.OCTET_STRING, id.issuerNameHash),
    encodeTlv(TAG.OCTET_STRING, id.issuerKeyHash),
    encodeTlv(TAG.INTEGER, id.serialNumber),
  );
}

/** An unsigned OCSPRequest for one certificate with a nonce extension (RFC 6960 §4.1, RFC 8954). */
export function buildOcspRequest(id: CertId, nonce: Uint8Array): Uint8Array {
  const nonceExtension = encodeTlv(TAG.SEQUENCE, encodeOid(OID.ocspNonce), encodeTlv(TAG.OCTET_STRING, encodeTlv(TAG.OCTET_STRING, nonce)));
  const tbsRequest = encodeTlv(
    TAG.SEQUENCE,
    encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.SEQUENCE, encodeCertId(id))),
    encodeTlv(contextTag(2, true), encodeTlv(TAG.SEQUENCE, nonceExtension)),
  );
  return encodeTlv(TAG.SEQUENCE, tbsRequest);
}

export interface OcspAnswer {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt: Date | undefined;
  readonly reason: CrlReason | undefined;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
}

export interface OcspCheck {
  readonly id: CertId;
  readonly issuer: TrustedCa;
  readonly nonce: Uint8Array;
  readonly now: Date;
  /** How far the responder's clock may be ahead of ours, and how old an answer without nextUpdate may be. */
  readonly clockSkewMs: number;
  readonly maxAgeMs: number;
}

const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', '', 'sigRequired', 'unauthorized'];

function unavailable(detail: string): PkiError {
  return new PkiError('pki.revocation_unavailable', `OCSP: ${detail}`);
}

/** The responder must be the CA itself or a certificate it issued for OCSP signing (RFC 6960 §4.2.2.2). */
function findResponder(responderId: Der, certs: Certificate[], issuer: TrustedCa): Certificate {
  const candidates = [issuer.certificate, ...certs];
  const matches = (certificate: Certificate): boolean => {
    if (responderId.tag === contextTag(1, true)) return bytesEqual(unwrapExplicit(responderId, 'byName').raw, certificate.subject.der);
    if (responderId.tag === contextTag(2, true)) {
      const keyHash = readOctetString(unwrapExplicit(responderId, 'byKey'), 'byKey');
      return bytesEqual(keyHash, createHash('sha1').update(certificate.publicKeyInfo.key).digest());
    }
    throw unavailable('bad responderID');
  };
  const responder = candidates.find(matches);
  if (!responder) throw unavailable('responder certificate not found');
  if (responder === issuer.certificate) return responder;
  if (!namesChain(responder, issuer.certificate)) throw unavailable('responder certificate not issued by the CA');
  try {
    verifySignature(issuer.certificate.publicKeyInfo, signatureScheme(responder.signatureAlgorithm), responder.tbs, responder.signature, 'OCSP responder certificate', issuer.key);
  } catch {
    throw unavailable('responder certificate signature does not verify');
  }
  if (!responder.extKeyUsage.includes(OID.ekuOcspSigning)) throw unavailable('responder certificate lacks OCSPSigning');
  if (responder.keyUsage !== undefined && (responder.keyUsage & KEY_USAGE.digitalSignature) === 0) throw unavailable('responder key usage');
  if (unknownCriticalExtension(responder.extensions)) throw unavailable('responder certificate has an unknown critical extension');
  return responder;
}

function checkNonce(extensions: Der | undefined, nonce: Uint8Array): void {
  const echoed = parseExtensions(extensions, 'responseExtensions').get(OID.ocspNonce);
  if (!echoed) throw unavailable('the responder did not echo the nonce');
  const value = parseDer(echoed.value);
  const bytes = value.tag === TAG.OCTET_STRING ? value.value : echoed.value;
  if (!bytesEqual(bytes, nonce)) throw unavailable('nonce mismatch (replayed or foreign answer)');
}

function readStatus(element: Der | undefined): Pick<OcspAnswer, 'status' | 'revokedAt' | 'reason'> {
  if (element?.tag === contextTag(0, false)) return { status: 'good', revokedAt: undefined, reason: undefined };
  if (element?.tag === contextTag(2, false)) return { status: 'unknown', revokedAt: undefined, reason: undefined };
  if (element?.tag !== contextTag(1, true)) throw new PkiError('pki.malformed', 'OCSP certStatus');
  const [time, reason] = children(element);
  return {
    status: 'revoked',
    revokedAt: readTime(time, 'revocationTime'),
    reason: reason ? crlReason(readEnumerated(unwrapExplicit(reason, 'revocationReason'), 'revocationReason')) : undefined,
  };
}

function sameCertId(element: Der | undefined, id: CertId): boolean {
  const [algorithm, nameHash, keyHash, serial] = sequence(element, 'CertID');
  return (
    parseAlgorithmIdentifier(algorithm, 'CertID hash').oid === OID.sha256 &&
    bytesEqual(readOctetString(nameHash, 'issuerNameHash'), id.issuerNameHash) &&
    bytesEqual(readOctetString(keyHash, 'issuerKeyHash'), id.issuerKeyHash) &&
    bytesEqual(readIntegerBytes(serial, 'serialNumber'), id.serialNumber)
  );
}

/**
 * Reads and checks an OCSPResponse: signed by a responder the CA authorised, about our CertID, echoing our nonce,
 * and current. NCANode skips the signature check; a forged "good" is exactly what it would let through.
 */
export function verifyOcspResponse(der: Uint8Array, check: OcspCheck): OcspAnswer {
  const [statusElement, bytesElement] = sequence(parseDer(der), 'OCSPResponse');
  const status = readEnumerated(statusElement, 'responseStatus');
  if (status !== 0) throw unavailable(`responder answered ${RESPONSE_STATUS[status] ?? status}`);
  if (bytesElement?.tag !== contextTag(0, true)) throw new PkiError('pki.malformed', 'OCSP responseBytes');
  const [type, response] = sequence(unwrapExplicit(bytesElement, 'responseBytes'), 'ResponseBytes');
  if (readOid(type, 'responseType') !== OID.ocspBasic) throw unavailable('not a basic OCSP response');
  const [tbs, algorithm, signature, certsElement] = sequence(parseDer(readOctetString(response, 'response')), 'BasicOCSPResponse');
  const certs = certsElement ? sequence(unwrapExplicit(certsElement, 'certs'), 'certs').map((cert) => parseCertificate(cert.raw)) : [];
  const fields = sequence(tbs, 'ResponseData');
  let index = fields[0]?.tag === contextTag(0, true) ? 1 : 0;
  const responder = findResponder(fields[index++]!, certs, check.issuer);
  try {
    verifySignature(responder.publicKeyInfo, signatureScheme(parseAlgorithmIdentifier(algorithm, 'OCSP signatureAlgorithm')), tbs!.raw, readBitStringBytes(signature, 'OCSP signature'), 'OCSP response');
  } catch (error) {
    throw unavailable(`signature: ${error instanceof PkiError ? error.detail : String(error)}`);
  }
  readTime(fields[index++], 'producedAt');
  const responses = sequence(fields[index++], 'responses');
  checkNonce(fields[index]?.tag === contextTag(1, true) ? unwrapExplicit(fields[index]!, 'responseExtensions') : undefined, check.nonce);
  const single = responses.find((entry) => sameCertId(sequence(entry, 'SingleResponse')[0], check.id));
  if (!single) throw unavailable('no answer about the certificate asked for');
  const [, certStatus, thisUpdateElement, ...optional] = sequence(single, 'SingleResponse');
  const thisUpdate = readTime(thisUpdateElement, 'thisUpdate');
  const nextElement = optional.find((field) => field.tag === contextTag(0, true));
  const nextUpdate = nextElement ? readTime(unwrapExplicit(nextElement, 'nextUpdate'), 'nextUpdate') : undefined;
  const now = check.now.getTime();
  if (thisUpdate.getTime() > now + check.clockSkewMs) throw unavailable('answer dated in the future');
  if (nextUpdate ? nextUpdate.getTime() < now - check.clockSkewMs : thisUpdate.getTime() < now - check.maxAgeMs) throw unavailable('stale answer');
  return { ...readStatus(certStatus), thisUpdate, nextUpdate };
}
