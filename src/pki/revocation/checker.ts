import { randomBytes } from 'node:crypto';
import type { Certificate } from '../certificate.ts';
import { toHex } from '../der.ts';
import { displayDate } from '../display-date.ts';
import { PkiError } from '../errors.ts';
import type { TrustedCa } from '../trust-store.ts';
import type { CrlStore } from './crl-store.ts';
import { type OcspAnswer, buildOcspRequest, certIdFor, verifyOcspResponse } from './ocsp.ts';

export const REVOCATION_MODES = ['off', 'ocsp', 'crl', 'ocsp,crl'] as const;
export type RevocationMode = (typeof REVOCATION_MODES)[number];

/** The network, as far as revocation needs it; `src/pki` itself never opens a socket. */
export interface RevocationPorts {
  /** POSTs an `application/ocsp-request`; rejects on network errors, timeouts and non-2xx answers. */
  postOcsp?(url: string, request: Uint8Array): Promise<Uint8Array>;
  fetchCrl?(url: string): Promise<Uint8Array>;
}

export interface RevocationOptions {
  readonly mode: RevocationMode;
  readonly crls: CrlStore;
  readonly ports?: RevocationPorts;
  /** Replaces the responder named in certificates (e.g. a local relay). */
  readonly ocspUrl?: string;
  readonly clock?: () => Date;
  readonly clockSkewMs?: number;
  /** How long an OCSP answer without nextUpdate is reused; NCA's responder never sends nextUpdate. */
  readonly ocspCacheMs?: number;
}

export interface RevocationResult {
  readonly status: 'good' | 'not_checked';
  readonly source: 'ocsp' | 'crl' | undefined;
  /** When the answer was produced by the CA (OCSP thisUpdate or the CRL's thisUpdate). */
  readonly thisUpdate: Date | undefined;
}

const NOT_CHECKED: RevocationResult = { status: 'not_checked', source: undefined, thisUpdate: undefined };

function revoked(revokedAt: Date, reason: string | undefined, source: string): PkiError {
  const detail = `${source}: revoked ${revokedAt.toISOString()}${reason ? ` (${reason})` : ''}`;
  return new PkiError('pki.cert_revoked', detail, { date: displayDate(revokedAt), reason: reason ?? '' });
}

export class RevocationChecker {
  readonly #options: RevocationOptions;
  readonly #ocspCache = new Map<string, { answer: OcspAnswer; until: number }>();
  readonly #crlDownloads = new Map<string, Promise<void>>();
  /** Why the last download of a URL failed, so that "no CRL" can say why. */
  readonly #crlFailures = new Map<string, string>();

  constructor(options: RevocationOptions) {
    this.#options = options;
  }

  get mode(): RevocationMode {
    return this.#options.mode;
  }

  /** Resolves when the certificate is not revoked at `at`; throws `pki.cert_revoked` or, failing closed, `pki.revocation_unavailable`. */
  async check(certificate: Certificate, issuer: TrustedCa, at: Date): Promise<RevocationResult> {
    const { mode } = this.#options;
    if (mode === 'off') return NOT_CHECKED;
    let ocspFailure: PkiError | undefined;
    if (mode === 'ocsp' || mode === 'ocsp,crl') {
      try {
        return await this.#checkOcsp(certificate, issuer, at);
      } catch (error) {
        if (!(error instanceof PkiError) || error.code !== 'pki.revocation_unavailable' || mode === 'ocsp') throw error;
        ocspFailure = error;
      }
    }
    try {
      return await this.#checkCrl(certificate, issuer, at);
    } catch (error) {
      if (ocspFailure && error instanceof PkiError && error.code === 'pki.revocation_unavailable') {
        throw new PkiError('pki.revocation_unavailable', `${ocspFailure.detail}; ${error.detail}`);
      }
      throw error;
    }
  }

  async #checkOcsp(certificate: Certificate, issuer: TrustedCa, at: Date): Promise<RevocationResult> {
    const id = certIdFor(certificate, issuer.certificate);
    const cacheKey = `${toHex(id.issuerKeyHash)}:${certificate.serialHex}`;
    const now = this.#now();
    const cached = this.#ocspCache.get(cacheKey);
    let answer = cached && cached.until > now.getTime() ? cached.answer : undefined;
    if (!answer) {
      answer = await this.#askResponder(certificate, issuer, id, now);
      const until = answer.nextUpdate?.getTime() ?? now.getTime() + (this.#options.ocspCacheMs ?? 5 * 60_000);
      this.#ocspCache.set(cacheKey, { answer, until });
    }
    if (answer.status === 'unknown') throw new PkiError('pki.revocation_unavailable', 'OCSP: the responder does not know the certificate');
    if (answer.status === 'revoked' && answer.revokedAt!.getTime() <= at.getTime()) throw revoked(answer.revokedAt!, answer.reason, 'OCSP');
    return { status: 'good', source: 'ocsp', thisUpdate: answer.thisUpdate };
  }

  async #askResponder(certificate: Certificate, issuer: TrustedCa, id: ReturnType<typeof certIdFor>, now: Date): Promise<OcspAnswer> {
    const url = this.#options.ocspUrl ?? certificate.ocspUrls[0];
    const post = this.#options.ports?.postOcsp;
    if (!url || !post) throw new PkiError('pki.revocation_unavailable', url ? 'OCSP: no transport configured' : 'OCSP: the certificate names no responder');
    const nonce = randomBytes(16);
    let response: Uint8Array;
    try {
      response = await post(url, buildOcspRequest(id, nonce));
    } catch (error) {
      throw new PkiError('pki.revocation_unavailable', `OCSP: ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const skew = this.#options.clockSkewMs ?? 5 * 60_000;
    try {
      return verifyOcspResponse(response, { id, issuer, nonce, now, clockSkewMs: skew, maxAgeMs: 10 * 60_000 });
    } catch (error) {
      if (error instanceof PkiError && error.code === 'pki.revocation_unavailable') throw error;
      throw new PkiError('pki.revocation_unavailable', `OCSP: unusable answer: ${error instanceof PkiError ? error.detail : String(error)}`);
    }
  }

  async #checkCrl(certificate: Certificate, issuer: TrustedCa, at: Date): Promise<RevocationResult> {
    const { crls } = this.#options;
    if (!crls.hasCurrent(issuer, at)) await this.#download(certificate);
    const verdict = crls.status(certificate.serialHex, issuer, at);
    if (verdict.status === 'unavailable') {
      const failures = certificate.crlUrls.map((url) => this.#crlFailures.get(url)).filter(Boolean);
      throw new PkiError('pki.revocation_unavailable', `CRL: ${[verdict.detail, ...failures].join('; ')}`);
    }
    if (verdict.status === 'revoked') throw revoked(verdict.entry.date, verdict.entry.reason, 'CRL');
    return { status: 'good', source: 'crl', thisUpdate: verdict.thisUpdate };
  }

  /** Fetches the full and delta CRLs the certificate names; concurrent sign-ins share one download per URL. */
  async #download(certificate: Certificate): Promise<void> {
    const fetchCrl = this.#options.ports?.fetchCrl;
    if (!fetchCrl) return;
    const load = (url: string): Promise<void> => {
      let pending = this.#crlDownloads.get(url);
      if (!pending) {
        pending = fetchCrl(url)
          .then((der) => {
            this.#options.crls.add(der);
            this.#crlFailures.delete(url);
          })
          .catch((error: unknown) => {
            this.#crlFailures.set(url, `${url}: ${error instanceof PkiError ? error.detail : error instanceof Error ? error.message : String(error)}`);
          })
          .finally(() => this.#crlDownloads.delete(url));
        this.#crlDownloads.set(url, pending);
      }
      return pending;
    };
    await Promise.all([...certificate.crlUrls.slice(0, 1), ...certificate.deltaCrlUrls.slice(0, 1)].map(load));
  }

  #now(): Date {
    return this.#options.clock?.() ?? new Date();
  }
}
