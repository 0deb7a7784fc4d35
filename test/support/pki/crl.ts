// CRLs (full and delta) as the NCA CAs issue them.
import type { IssuedCertificate } from './certificate.ts';
import { bitString, decode, encode, explicit, fromHex, integer, sequence, time, toPem } from './der.ts';
import {
  type Extension,
  authorityKeyIdentifier,
  crlNumber,
  crlReason,
  deltaCrlIndicator,
  encodeExtensions,
} from './extensions.ts';
import { signData, signatureAlgorithm } from './signer.ts';

export const CRL_REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type CrlReason = keyof typeof CRL_REASON_CODES;

export interface CrlEntry {
  readonly serialHex: string;
  readonly revokedAt: Date;
  /** Absent: the entry has no reasonCode extension (seen in NCA CRLs too). */
  readonly reason?: CrlReason;
}

export interface CrlSpec {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly entries: readonly CrlEntry[];
  readonly number: number;
  /** Makes a delta CRL relative to the full CRL with this number. */
  readonly deltaBase?: number;
}

function revokedCertificate({ serialHex, revokedAt, reason }: CrlEntry) {
  const fields = [integer(fromHex(serialHex)), time(revokedAt)];
  if (reason !== undefined) fields.push(encodeExtensions([crlReason(CRL_REASON_CODES[reason])]));
  return sequence(...fields);
}

/**
 * Mirrors the samples byte for byte in structure. GOST (nca_gost2022_test.crl, 2026): the TBS signature
 * AlgorithmIdentifier has no parameters while the outer one has NULL, extensions AKI then CRL number. RSA
 * (res_crl_nca_rsa_test.crl): NULL in both, CRL number then AKI.
 */
export function buildCrl(issuer: IssuedCertificate, spec: CrlSpec): Uint8Array {
  const { algorithm } = issuer.signer;
  const gost = algorithm !== 'rsa';
  const aki = authorityKeyIdentifier(issuer.subjectKeyId);
  const number = crlNumber(spec.number);
  const extensions: Extension[] = gost ? [aki, number] : [number, aki];
  if (spec.deltaBase !== undefined) extensions.push(deltaCrlIndicator(spec.deltaBase));
  const fields = [
    integer(1),
    signatureAlgorithm(algorithm, gost ? 'absent' : 'null'),
    decode(issuer.subjectName),
    time(spec.thisUpdate),
    time(spec.nextUpdate),
  ];
  // RFC 5280 §5.1.2.6: an empty list is omitted, not encoded as an empty SEQUENCE.
  if (spec.entries.length > 0) fields.push(sequence(...spec.entries.map(revokedCertificate)));
  fields.push(explicit(0, encodeExtensions(extensions)));
  const tbs = encode(sequence(...fields));
  return encode(sequence(decode(tbs), signatureAlgorithm(algorithm), bitString(signData(issuer.signer, tbs))));
}

export function crlToPem(der: Uint8Array): string {
  return toPem('X509 CRL', der);
}
