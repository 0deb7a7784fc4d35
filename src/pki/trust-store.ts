import { type Certificate, isSelfIssued, parseCertificate } from './certificate.ts';
import { bytesEqual, toHex } from './der.ts';
import { PkiError } from './errors.ts';
import { KEY_USAGE, unknownCriticalExtension } from './extensions.ts';
import { type VerifyingKey, signatureScheme, verifySignature, verifyingKey } from './signature.ts';

/** A CA certificate whose path to a trust anchor was verified when the store was built. */
export interface TrustedCa {
  readonly certificate: Certificate;
  /** This CA first, the self-signed anchor last. */
  readonly path: readonly Certificate[];
  readonly key: VerifyingKey;
}

export interface TrustStore {
  /** CAs whose subject is this name (DER, hex), with a verified path to an anchor. */
  issuersOf(certificate: Certificate): readonly TrustedCa[];
  readonly cas: readonly TrustedCa[];
}

export interface TrustStoreBuild {
  readonly store: TrustStore;
  /** Certificates left out and why, for the operator. */
  readonly warnings: readonly string[];
}

function describe(certificate: Certificate): string {
  const cn = certificate.subject.attributes.find((a) => a.oid === '2.5.4.3')?.value ?? '(no CN)';
  return `"${cn}" (serial ${certificate.serialHex})`;
}

function checkCaProfile(certificate: Certificate): void {
  if (!certificate.basicConstraints?.ca) throw new PkiError('pki.ca_invalid', `${describe(certificate)} is not a CA (basicConstraints)`);
  if (certificate.keyUsage !== undefined && (certificate.keyUsage & KEY_USAGE.keyCertSign) === 0) {
    throw new PkiError('pki.ca_invalid', `${describe(certificate)} may not sign certificates (keyUsage)`);
  }
  const critical = unknownCriticalExtension(certificate.extensions);
  if (critical) throw new PkiError('pki.critical_extension', `${describe(certificate)} has unknown critical extension ${critical}`);
}

/** Whether `issuer` may have issued `subject`: names chain and, where both carry them, key identifiers agree. */
export function namesChain(subject: Certificate, issuer: Certificate): boolean {
  if (!bytesEqual(subject.issuer.der, issuer.subject.der)) return false;
  const aki = subject.authorityKeyIdentifier;
  const ski = issuer.subjectKeyIdentifier;
  return !aki || !ski || bytesEqual(aki, ski);
}

/** pathLenConstraint: a CA at depth i of the issuer's path would have i + 1 intermediates below it. */
function allowsAnotherCa(issuer: TrustedCa): boolean {
  return issuer.path.every((ca, depth) => {
    const limit = ca.basicConstraints?.pathLength;
    return limit === undefined || limit >= depth + 1;
  });
}

/**
 * Builds the trust store from the configured roots and intermediates. Only self-signed CA certificates are anchors;
 * an intermediate counts only with a verified path to one of them, so trusting a folder never means trusting a name.
 */
export function buildTrustStore(ders: readonly Uint8Array[]): TrustStoreBuild {
  const warnings: string[] = [];
  const candidates: Certificate[] = [];
  for (const der of ders) {
    try {
      const certificate = parseCertificate(der);
      checkCaProfile(certificate);
      candidates.push(certificate);
    } catch (error) {
      warnings.push(`ignored a certificate: ${error instanceof PkiError ? error.detail : String(error)}`);
    }
  }
  const trusted = new Map<string, TrustedCa>();
  const keyOf = new Map<Certificate, VerifyingKey>();
  const key = (certificate: Certificate): VerifyingKey => {
    let k = keyOf.get(certificate);
    if (!k) keyOf.set(certificate, (k = verifyingKey(certificate.publicKeyInfo, { precompute: true })));
    return k;
  };
  const signedBy = (subject: Certificate, issuer: Certificate): boolean => {
    try {
      verifySignature(issuer.publicKeyInfo, signatureScheme(subject.signatureAlgorithm), subject.tbs, subject.signature, describe(subject), key(issuer));
      return true;
    } catch {
      return false;
    }
  };
  for (const certificate of candidates) {
    if (isSelfIssued(certificate) && namesChain(certificate, certificate) && signedBy(certificate, certificate)) {
      trusted.set(toHex(certificate.der), { certificate, path: [certificate], key: key(certificate) });
    } else if (isSelfIssued(certificate)) {
      warnings.push(`ignored ${describe(certificate)}: its self-signature does not verify`);
    }
  }
  // Intermediates chained to anchors, level by level; each pass may link CAs issued by the previous pass.
  let pending = candidates.filter((certificate) => !isSelfIssued(certificate));
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    pending = pending.filter((certificate) => {
      for (const issuer of trusted.values()) {
        if (!allowsAnotherCa(issuer)) continue;
        if (namesChain(certificate, issuer.certificate) && signedBy(certificate, issuer.certificate)) {
          trusted.set(toHex(certificate.der), { certificate, path: [certificate, ...issuer.path], key: key(certificate) });
          progress = true;
          return false;
        }
      }
      return true;
    });
  }
  for (const certificate of pending) warnings.push(`ignored ${describe(certificate)}: no path to a trusted root in the store`);
  const cas = [...trusted.values()];
  const bySubject = new Map<string, TrustedCa[]>();
  for (const ca of cas) {
    const id = toHex(ca.certificate.subject.der);
    bySubject.set(id, [...(bySubject.get(id) ?? []), ca]);
  }
  return {
    store: {
      cas,
      issuersOf: (certificate) => (bySubject.get(toHex(certificate.issuer.der)) ?? []).filter((ca) => namesChain(certificate, ca.certificate)),
    },
    warnings,
  };
}
