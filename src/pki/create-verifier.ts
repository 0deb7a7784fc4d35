import { PkiError } from './errors.ts';
import { type RevocationMode, type RevocationPorts, RevocationChecker } from './revocation/checker.ts';
import { CrlStore } from './revocation/crl-store.ts';
import { buildTrustStore } from './trust-store.ts';
import { PkiVerifier } from './verifier.ts';

export interface PkiSetup {
  /** Roots and intermediates, DER. */
  readonly trusted: readonly Uint8Array[];
  /** Full and delta CRLs, DER; each must be signed by a CA of the trust store. */
  readonly crls?: readonly Uint8Array[];
  readonly revocation: RevocationMode;
  readonly ports?: RevocationPorts;
  readonly ocspUrl?: string;
  readonly clock?: () => Date;
}

export interface PkiAssembly {
  readonly verifier: PkiVerifier;
  readonly crls: CrlStore;
  /** What the trust store left out, for the operator's log. */
  readonly warnings: readonly string[];
}

/** Assembles trust store, CRLs, revocation and verifier; throws when nothing would be trusted or a CRL is unusable. */
export function createPkiVerifier(setup: PkiSetup): PkiAssembly {
  const { store, warnings } = buildTrustStore(setup.trusted);
  if (store.cas.length === 0) throw new PkiError('pki.chain_untrusted', 'the trust store holds no usable CA certificate');
  const crls = new CrlStore(store);
  for (const crl of setup.crls ?? []) crls.add(crl);
  const revocation = new RevocationChecker({
    mode: setup.revocation,
    crls,
    ...(setup.ports ? { ports: setup.ports } : {}),
    ...(setup.ocspUrl ? { ocspUrl: setup.ocspUrl } : {}),
    ...(setup.clock ? { clock: setup.clock } : {}),
  });
  const verifier = new PkiVerifier({ trustStore: store, revocation, ...(setup.clock ? { clock: setup.clock } : {}) });
  return { verifier, crls, warnings };
}
