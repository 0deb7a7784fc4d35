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

export class PkiError extends Error {
  readonly code: PkiErrorCode;
  /** English, for logs and operators; users see the localized message of the code. */
  readonly detail: string;
  /** Values the localized message interpolates, e.g. the date a certificate expired. */
  readonly params: Readonly<Record<string, string>>;

  constructor(code: PkiErrorCode, detail: string = code, params: Record<string, string> = {}) {
    super(`${code}: ${detail}`);
    this.name = 'PkiError';
    this.code = code;
    this.detail = detail;
    this.params = params;
  }
}

export function isPkiError(error: unknown): error is PkiError {
  return error instanceof PkiError;
}
