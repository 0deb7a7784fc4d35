import { bytesEqual } from '../der.ts';
import { PkiError } from '../errors.ts';
import { KEY_USAGE } from '../extensions.ts';
import { signatureScheme, verifySignature } from '../signature.ts';
import type { TrustedCa, TrustStore } from '../trust-store.ts';
import { type Crl, type RevokedEntry, parseCrl } from './crl.ts';

export type CrlVerdict =
  | { readonly status: 'good'; readonly thisUpdate: Date }
  | { readonly status: 'revoked'; readonly entry: RevokedEntry }
  | { readonly status: 'unavailable'; readonly detail: string };

/** Where the CRLs of one CA stand at an instant. */
export interface CrlCurrency {
  readonly issuer: TrustedCa;
  /** The newest full CRL; undefined when only a delta is held, which answers nothing on its own. */
  readonly full: Crl | undefined;
  /** Whether `status` can answer from the held CRLs at that instant (the same test it applies). */
  readonly current: boolean;
}

interface IssuerCrls {
  full?: Crl;
  delta?: Crl;
}

function covers(crl: Crl, at: Date): boolean {
  return crl.thisUpdate.getTime() <= at.getTime() && (!crl.nextUpdate || at.getTime() <= crl.nextUpdate.getTime());
}

function newer(candidate: Crl, current: Crl | undefined): boolean {
  if (!current) return true;
  if (candidate.number !== undefined && current.number !== undefined) return candidate.number > current.number;
  return candidate.thisUpdate > current.thisUpdate;
}

/**
 * Verified CRLs per issuing CA: the newest full CRL and the newest delta. A CRL counts only once its signature
 * verifies against a CA of the trust store that may sign CRLs; NCANode loads CRLs without checking them.
 */
export class CrlStore {
  readonly #trustStore: TrustStore;
  readonly #byIssuer = new Map<TrustedCa, IssuerCrls>();

  constructor(trustStore: TrustStore) {
    this.#trustStore = trustStore;
  }

  /** Adds a CRL (DER) once its signature verifies; throws the reason it cannot be used. */
  add(der: Uint8Array): Crl {
    const crl = parseCrl(der);
    const issuer = this.#issuerOf(crl);
    const entry = this.#byIssuer.get(issuer) ?? {};
    if (crl.deltaBase !== undefined) {
      if (newer(crl, entry.delta)) entry.delta = crl;
    } else if (newer(crl, entry.full)) {
      entry.full = crl;
    }
    this.#byIssuer.set(issuer, entry);
    return crl;
  }

  #issuerOf(crl: Crl): TrustedCa {
    for (const ca of this.#trustStore.cas) {
      const { certificate } = ca;
      if (!bytesEqual(crl.issuer.der, certificate.subject.der)) continue;
      if (crl.authorityKeyIdentifier && certificate.subjectKeyIdentifier && !bytesEqual(crl.authorityKeyIdentifier, certificate.subjectKeyIdentifier)) continue;
      if (certificate.keyUsage !== undefined && (certificate.keyUsage & KEY_USAGE.cRLSign) === 0) continue;
      try {
        verifySignature(certificate.publicKeyInfo, signatureScheme(crl.signatureAlgorithm), crl.tbs, crl.signature, 'CRL', ca.key);
        return ca;
      } catch {
        // Another CA of the same name (a renewed key) may have signed it.
      }
    }
    throw new PkiError('pki.chain_untrusted', 'the CRL is not signed by a CA of the trust store');
  }

  /** Whether some CRL of this issuer is current at `at` (if not, a caller may fetch one). */
  hasCurrent(issuer: TrustedCa, at: Date): boolean {
    const full = this.#byIssuer.get(issuer)?.full;
    return full !== undefined && covers(full, at);
  }

  /** Every CA that holds a CRL, and whether it is current at `at`: what readiness reports to a load balancer. */
  currency(at: Date): CrlCurrency[] {
    return [...this.#byIssuer].map(([issuer, { full }]) => ({ issuer, full, current: full !== undefined && covers(full, at) }));
  }

  status(serialHex: string, issuer: TrustedCa, at: Date): CrlVerdict {
    const crls = this.#byIssuer.get(issuer);
    const full = crls?.full;
    if (!full) return { status: 'unavailable', detail: 'no CRL of the issuing CA' };
    if (!covers(full, at)) return { status: 'unavailable', detail: `the CRL of ${full.thisUpdate.toISOString()} is not current` };
    const delta = crls.delta && covers(crls.delta, at) && full.number !== undefined && crls.delta.deltaBase! <= full.number ? crls.delta : undefined;
    const fromDelta = delta?.entries.get(serialHex);
    // A delta may release a certificate from hold (removeFromCRL) or add a revocation after the full CRL.
    const entry = fromDelta ? (fromDelta.reason === 'removeFromCRL' ? undefined : fromDelta) : full.entries.get(serialHex);
    if (entry && entry.date.getTime() <= at.getTime()) return { status: 'revoked', entry };
    return { status: 'good', thisUpdate: (delta ?? full).thisUpdate };
  }
}
