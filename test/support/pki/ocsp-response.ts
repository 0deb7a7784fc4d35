// BasicOCSPResponse as the NCA responder writes it (ncanode/res_ocsp_*.bin): responder by name, GeneralizedTimes,
// the requested CertID echoed, no nextUpdate, nonce echoed, extended-revoke extension, responder certificate in certs.
import * as pkijs from 'pkijs';
import type { IssuedCertificate } from './certificate.ts';
import { CRL_REASON_CODES } from './crl.ts';
import {
  type Asn1,
  altered,
  bitString,
  decode,
  encode,
  enumerated,
  explicit,
  generalizedTime,
  implicitConstructed,
  implicitPrimitive,
  octetString,
  oid,
  sequence,
  toHex,
} from './der.ts';
import { type Extension, encodeExtensions, ocspExtendedRevoke, ocspNonce } from './extensions.ts';
import { issuerHashes, ocspHashOf } from './ocsp-cert-id.ts';
import { OID } from './oids.ts';
import type { TestPki } from './pki.ts';
import { publicKeyBits, signData, signatureAlgorithm } from './signer.ts';

const RESPONSE_STATUS_CODES = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

export type OcspResponseStatus = keyof typeof RESPONSE_STATUS_CODES;

export interface OcspResponseOptions {
  /** Anything but 'successful' gives a bare OCSPResponse without responseBytes. */
  readonly status?: OcspResponseStatus;
  /**
   * 'responder' (default): the delegated responder certificate; 'issuer': the intermediate itself (RFC 6960
   * §4.2.2.2); 'notAResponder': an end-entity key without EKU OCSPSigning. The signer's certificate is always in certs.
   */
  readonly signedBy?: 'responder' | 'issuer' | 'notAResponder';
  /** 'echo' (default), 'wrong' (one bit changed) or 'omit'. */
  readonly nonce?: 'echo' | 'wrong' | 'omit';
  /** Default: the PKI's clock. */
  readonly producedAt?: Date;
  /** Default: producedAt. */
  readonly thisUpdate?: Date;
  /** Default: none, as NCA. */
  readonly nextUpdate?: Date;
  /** A serial the CA never issued: 'unknown' (default) or NCA's revoked + certificateHold at 1970-01-01 (RFC 6960 §2.2). */
  readonly notIssued?: 'unknown' | 'revoked';
}

const good = () => implicitPrimitive(0, new Uint8Array());
const unknown = () => implicitPrimitive(2, new Uint8Array());
const revoked = (at: Date, reasonCode?: number) =>
  reasonCode === undefined
    ? implicitConstructed(1, generalizedTime(at))
    : implicitConstructed(1, generalizedTime(at), explicit(0, enumerated(reasonCode)));

function certStatus(pki: TestPki, request: pkijs.Request, options: OcspResponseOptions): Asn1 {
  const { reqCert } = request;
  const hash = ocspHashOf(reqCert.hashAlgorithm.algorithmId);
  if (!hash) return unknown();
  const expected = issuerHashes(hash, pki.intermediate.subjectName, publicKeyBits(pki.intermediate.signer.publicKeyInfo));
  const sameIssuer =
    toHex(reqCert.issuerNameHash.valueBlock.valueHexView) === toHex(expected.nameHash) &&
    toHex(reqCert.issuerKeyHash.valueBlock.valueHexView) === toHex(expected.keyHash);
  if (!sameIssuer) return unknown();
  const serialHex = toHex(reqCert.serialNumber.valueBlock.valueHexView).replace(/^(00)+(?=.)/, '');
  const revocation = pki.revocationOf(serialHex);
  if (revocation) return revoked(revocation.revokedAt, revocation.reason && CRL_REASON_CODES[revocation.reason]);
  if (pki.isIssued(serialHex)) return good();
  return options.notIssued === 'revoked' ? revoked(new Date(0), CRL_REASON_CODES.certificateHold) : unknown();
}

function responseSigner(pki: TestPki, signedBy: OcspResponseOptions['signedBy']): IssuedCertificate {
  if (signedBy === 'issuer') return pki.intermediate;
  return signedBy === 'notAResponder' ? pki.endEntities.individual : pki.ocspResponder;
}

function parseRequest(der: Uint8Array): pkijs.OCSPRequest | undefined {
  try {
    return pkijs.OCSPRequest.fromBER(der);
  } catch {
    return undefined;
  }
}

const bareResponse = (status: OcspResponseStatus) => encode(sequence(enumerated(RESPONSE_STATUS_CODES[status])));

/** The DER OCSPResponse the test PKI's responder gives to this DER OCSPRequest. */
export function buildOcspResponse(pki: TestPki, requestDer: Uint8Array, options: OcspResponseOptions = {}): Uint8Array {
  const status = options.status ?? 'successful';
  if (status !== 'successful') return bareResponse(status);
  const request = parseRequest(requestDer);
  if (!request || request.tbsRequest.requestList.length === 0) return bareResponse('malformedRequest');

  const producedAt = options.producedAt ?? pki.clock();
  const thisUpdate = options.thisUpdate ?? producedAt;
  const responses = request.tbsRequest.requestList.map((single) => {
    const fields = [single.reqCert.toSchema(), certStatus(pki, single, options), generalizedTime(thisUpdate)];
    if (options.nextUpdate) fields.push(explicit(0, generalizedTime(options.nextUpdate)));
    return sequence(...fields);
  });

  const extensions: Extension[] = [];
  const nonce = request.tbsRequest.requestExtensions?.find((extension) => extension.extnID === OID.ocspNonce);
  if (nonce && options.nonce !== 'omit') {
    const value = nonce.extnValue.valueBlock.valueHexView;
    extensions.push(ocspNonce(options.nonce === 'wrong' ? altered(value) : value));
  }
  extensions.push(ocspExtendedRevoke());

  const signer = responseSigner(pki, options.signedBy);
  const tbs = encode(
    sequence(
      explicit(1, decode(signer.subjectName)),
      generalizedTime(producedAt),
      sequence(...responses),
      explicit(1, encodeExtensions(extensions)),
    ),
  );
  const basic = sequence(
    decode(tbs),
    signatureAlgorithm(signer.signer.algorithm),
    bitString(signData(signer.signer, tbs)),
    explicit(0, sequence(decode(signer.der))),
  );
  const responseBytes = sequence(oid(OID.ocspBasic), octetString(encode(basic)));
  return encode(sequence(enumerated(RESPONSE_STATUS_CODES.successful), explicit(0, responseBytes)));
}
