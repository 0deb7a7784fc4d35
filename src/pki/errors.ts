import { KiltError } from '../domain/kilt-error.ts';

/** Stable codes: clients, logs and the CLI's JSON depend on them, so never rename one. */
export const PKI_ERROR_CODES = [
  'pki.malformed',
  'pki.unsupported_algorithm',
  'pki.weak_algorithm',
  'pki.signature_invalid',
  'pki.digest_mismatch',
  'pki.content_mismatch',
  'pki.content_missing',
  'pki.signer_not_found',
  'pki.signer_count',
  'pki.chain_untrusted',
  'pki.ca_invalid',
  'pki.critical_extension',
  'pki.cert_expired',
  'pki.cert_not_yet_valid',
  'pki.cert_revoked',
  'pki.revocation_unavailable',
  'pki.key_purpose',
  'pki.not_a_person',
] as const;

export type PkiErrorCode = (typeof PKI_ERROR_CODES)[number];

/** A signature or certificate that must not be trusted, and why. */
export class PkiError extends KiltError<PkiErrorCode> {
  override name = 'PkiError';
}
