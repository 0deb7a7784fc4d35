// The whole test PKI: CA hierarchy, the catalogue of end entities, revocation state, CRLs.
import { type CaNames, caIdentities } from './ca-profile.ts';
import { createCaHierarchy } from './ca.ts';
import { type CommonEndEntityName, type EndEntityName, catalogue, initialRevocations } from './catalogue.ts';
import type { IssuedCertificate } from './certificate.ts';
import { type CrlEntry, type CrlReason, buildCrl } from './crl.ts';
import { wholeSeconds } from './der.ts';
import type { PkiUrls } from './end-entity-profile.ts';
import { type IssueSpec, type TestEndEntity, currentValidity, issueEndEntity } from './end-entity.ts';
import { type KeyAlgorithm, generateSigner } from './signer.ts';

export interface TestPkiOptions<A extends KeyAlgorithm> {
  readonly algorithm: A;
  /** Validity periods and revocation dates are placed around it; when given, also the fixed present of CRLs and OCSP. */
  readonly now?: Date;
  /** Default 'kilt'. */
  readonly names?: CaNames;
  readonly ocspUrl?: string;
  readonly crlUrl?: string;
  readonly deltaCrlUrl?: string;
}

export interface Revocation extends CrlEntry {
  /** False: revoked after the last CRL was published, so only OCSP knows. */
  readonly listedOnCrl: boolean;
}

export interface RevocationSpec {
  readonly reason?: CrlReason;
  /** Default: an hour before the present. */
  readonly revokedAt?: Date;
  /** Default true. */
  readonly listedOnCrl?: boolean;
}

export interface PkiCrlOptions {
  /** Default: 12 hours before the present. */
  readonly thisUpdate?: Date;
  /** Default: thisUpdate + 180 days, the period of the NCA test CRLs. */
  readonly nextUpdate?: Date;
  readonly delta?: boolean;
  /** Default: the revocations listed on the CRL for the intermediate's full CRL; none for a delta or the root's CRL. */
  readonly entries?: readonly CrlEntry[];
  /** CRL number; default 1 (full) or 2 (delta). */
  readonly number?: number;
  /** The full CRL a delta CRL completes; default 1. */
  readonly baseNumber?: number;
  /** Default 'intermediate' (the end entities' CRL); 'root' gives the CRL that covers the intermediate. */
  readonly issuer?: 'intermediate' | 'root';
}

export interface TestPki<A extends KeyAlgorithm = KeyAlgorithm> {
  readonly algorithm: A;
  readonly names: CaNames;
  /** The reference time the certificates were dated from. */
  readonly now: Date;
  readonly urls: PkiUrls;
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
  readonly ocspResponder: IssuedCertificate;
  readonly endEntities: Readonly<Record<EndEntityName<A>, TestEndEntity>>;
  /** The present for CRL and OCSP defaults: the `now` option when given, otherwise the wall clock. */
  clock(): Date;
  issue(spec: IssueSpec): Promise<TestEndEntity>;
  revoke(certificate: IssuedCertificate, revocation?: RevocationSpec): void;
  revocationOf(serialHex: string): Revocation | undefined;
  /** Whether the intermediate issued this serial (end entities and the OCSP responder). */
  isIssued(serialHex: string): boolean;
  crl(options?: PkiCrlOptions): Uint8Array;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function defaultUrls(algorithm: KeyAlgorithm, options: TestPkiOptions<KeyAlgorithm>): PkiUrls {
  const base = `http://pki.kilt.test/${algorithm}`;
  return {
    ocsp: options.ocspUrl ?? 'http://pki.kilt.test/ocsp/',
    crl: options.crlUrl ?? `${base}/ca.crl`,
    deltaCrl: options.deltaCrlUrl ?? `${base}/ca_delta.crl`,
    caIssuers: `${base}/ca.cer`,
    rootCrl: `${base}/root.crl`,
    rootCaIssuers: `${base}/root.cer`,
  };
}

export async function createTestPki<A extends KeyAlgorithm>(options: TestPkiOptions<A>): Promise<TestPki<A>> {
  const { algorithm } = options;
  const fixedNow = options.now && wholeSeconds(options.now);
  const now = fixedNow ?? wholeSeconds(new Date());
  const clock = () => fixedNow ?? new Date();
  const names = options.names ?? 'kilt';
  const urls = defaultUrls(algorithm, options);
  const entries = catalogue(algorithm, now);
  // RSA key generation dominates; in parallel it runs on libuv's thread pool.
  const [rootKey, intermediateKey, responderKey, ...endEntityKeys] = await Promise.all(
    Array.from({ length: entries.length + 3 }, () => generateSigner(algorithm)),
  );
  const keys = { root: rootKey!, intermediate: intermediateKey!, ocspResponder: responderKey! };
  const hierarchy = createCaHierarchy(caIdentities(names, algorithm), keys, urls, now);
  const { root, intermediate, ocspResponder } = hierarchy;
  const issued = await Promise.all(
    entries.map(async (entry, index) => {
      const certificate = await issueEndEntity(intermediate, urls, { ...entry, signer: endEntityKeys[index]! });
      return [entry.name, certificate] as const;
    }),
  );
  const endEntities = Object.fromEntries(issued) as Record<EndEntityName<A>, TestEndEntity>;
  const issuedSerials = new Set([ocspResponder.serialHex, ...issued.map(([, certificate]) => certificate.serialHex)]);
  const revocations = new Map<string, Revocation>();

  const pki: TestPki<A> = {
    algorithm,
    names,
    now,
    urls,
    ...hierarchy,
    endEntities,
    clock,
    async issue(spec) {
      const validity = currentValidity(clock());
      const certificate = await issueEndEntity(intermediate, urls, {
        ...spec,
        notBefore: spec.notBefore ?? validity.notBefore,
        notAfter: spec.notAfter ?? validity.notAfter,
      });
      issuedSerials.add(certificate.serialHex);
      return certificate;
    },
    revoke({ serialHex }, { reason, revokedAt = new Date(clock().getTime() - HOUR), listedOnCrl = true } = {}) {
      revocations.set(serialHex, { serialHex, revokedAt: wholeSeconds(revokedAt), listedOnCrl, ...(reason && { reason }) });
    },
    revocationOf: (serialHex) => revocations.get(serialHex.toLowerCase()),
    isIssued: (serialHex) => issuedSerials.has(serialHex.toLowerCase()),
    crl({ delta = false, issuer = 'intermediate', ...crlOptions } = {}) {
      const thisUpdate = crlOptions.thisUpdate ?? new Date(clock().getTime() - 12 * HOUR);
      const listed = [...revocations.values()].filter((revocation) => revocation.listedOnCrl);
      return buildCrl(issuer === 'root' ? root : intermediate, {
        thisUpdate,
        nextUpdate: crlOptions.nextUpdate ?? new Date(thisUpdate.getTime() + 180 * DAY),
        entries: crlOptions.entries ?? (delta || issuer === 'root' ? [] : listed),
        number: crlOptions.number ?? (delta ? 2 : 1),
        ...(delta && { deltaBase: crlOptions.baseNumber ?? 1 }),
      });
    },
  };
  const named = endEntities as Record<CommonEndEntityName, TestEndEntity>;
  for (const { name, ...revocation } of initialRevocations(now)) pki.revoke(named[name], revocation);
  return pki;
}
