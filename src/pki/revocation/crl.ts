import { type AlgorithmIdentifier, parseAlgorithmIdentifier } from '../algorithm-identifier.ts';
import { serialToHex } from '../certificate.ts';
import {
  type Der, TAG, bytesToBigInt, children, contextTag, parseDer, readBitStringBytes, readEnumerated, readIntegerBytes,
  readSmallInteger, readTime, sequence, unwrapExplicit,
} from '../der.ts';
import { PkiError } from '../errors.ts';
import { decodeAuthorityKeyIdentifier, parseExtensions } from '../extensions.ts';
import { type Name, parseName } from '../name.ts';
import { OID } from '../oids.ts';

export const CRL_REASONS = [
  'unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation',
  'certificateHold', 'unused', 'removeFromCRL', 'privilegeWithdrawn', 'aACompromise',
] as const;
export type CrlReason = (typeof CRL_REASONS)[number];

export interface RevokedEntry {
  readonly date: Date;
  readonly reason: CrlReason | undefined;
}

export interface Crl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly issuer: Name;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly number: bigint | undefined;
  /** For a delta CRL: the number of the full CRL it completes. */
  readonly deltaBase: bigint | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  /** By certificate serial in lowercase hex. */
  readonly entries: ReadonlyMap<string, RevokedEntry>;
}

function readReason(extensions: Der | undefined): CrlReason | undefined {
  const reason = parseExtensions(extensions, 'crlEntryExtensions').get(OID.crlReason);
  if (!reason) return undefined;
  return crlReason(readEnumerated(parseDer(reason.value), 'reasonCode'));
}

export function crlReason(code: number): CrlReason {
  if (code >= CRL_REASONS.length || code === 7) throw new PkiError('pki.malformed', `CRL reason code ${code}`);
  return CRL_REASONS[code]!;
}

/** Parses a CRL (RFC 5280 §5); the 20 MB production CRL of NCA is why entries are read in one pass without copies. */
export function parseCrl(der: Uint8Array): Crl {
  const root = parseDer(der);
  const [tbsElement, algorithmElement, signatureElement, ...rest] = sequence(root, 'CRL');
  if (rest.length > 0) throw new PkiError('pki.malformed', 'CRL: extra fields');
  const fields = sequence(tbsElement, 'tbsCertList');
  let index = 0;
  if (fields[0]?.tag === TAG.INTEGER) readSmallInteger(fields[index++], 'CRL version');
  parseAlgorithmIdentifier(fields[index++], 'CRL inner signature');
  const issuer = parseName(fields[index++], 'CRL issuer');
  const thisUpdate = readTime(fields[index++], 'thisUpdate');
  let nextUpdate: Date | undefined;
  const maybeNext = fields[index];
  if (maybeNext && (maybeNext.tag === TAG.UTC_TIME || maybeNext.tag === TAG.GENERALIZED_TIME)) {
    nextUpdate = readTime(maybeNext, 'nextUpdate');
    index++;
  }
  const entries = new Map<string, RevokedEntry>();
  if (fields[index]?.tag === TAG.SEQUENCE) {
    for (const entry of children(fields[index++]!)) {
      const [serial, date, extensions] = sequence(entry, 'revokedCertificate');
      entries.set(serialToHex(readIntegerBytes(serial, 'revoked serial')), { date: readTime(date, 'revocationDate'), reason: readReason(extensions) });
    }
  }
  const extensionsElement = fields[index]?.tag === contextTag(0, true) ? unwrapExplicit(fields[index++]!, 'crlExtensions') : undefined;
  if (index !== fields.length) throw new PkiError('pki.malformed', 'tbsCertList: unexpected field');
  const extensions = parseExtensions(extensionsElement, 'crlExtensions');
  for (const [oid, extension] of extensions) {
    // An issuing distribution point narrows what the CRL covers; Kilt does not partition CRLs, so it must not guess.
    if (extension.critical && oid !== OID.deltaCrlIndicator) throw new PkiError('pki.critical_extension', `CRL extension ${oid}`);
  }
  const number = extensions.get(OID.crlNumber);
  const delta = extensions.get(OID.deltaCrlIndicator);
  return {
    der: root.raw,
    tbs: tbsElement!.raw,
    signatureAlgorithm: parseAlgorithmIdentifier(algorithmElement, 'CRL signatureAlgorithm'),
    signature: readBitStringBytes(signatureElement, 'CRL signature'),
    issuer,
    thisUpdate,
    nextUpdate,
    number: number && bytesToBigInt(readIntegerBytes(parseDer(number.value), 'cRLNumber')),
    deltaBase: delta && bytesToBigInt(readIntegerBytes(parseDer(delta.value), 'deltaCRLIndicator')),
    authorityKeyIdentifier: decodeAuthorityKeyIdentifier(extensions.get(OID.authorityKeyIdentifier)),
    entries,
  };
}
