import { timingSafeEqual } from 'node:crypto';
import type { Certificate } from './certificate.ts';
import { parseCertificate } from './certificate.ts';
import { type SignerInfo, type SignedData, decodeCmsInput, findSignerCertificate, parseSignedData, singleAttribute } from './cms.ts';
import { bytesEqual, readOctetString, readOid, readTime } from './der.ts';
import { computeDigest } from './digest.ts';
import { displayDate } from './display-date.ts';
import { PkiError } from './errors.ts';
import { unknownCriticalExtension } from './extensions.ts';
import { type CertificateIdentity, certificateIdentity } from './identity.ts';
import { type KeyPurpose, checkKeyPurpose } from './key-purpose.ts';
import { OID } from './oids.ts';
import type { RevocationChecker, RevocationResult } from './revocation/checker.ts';
import { keyAlgorithmName, signatureScheme, verifySignature } from './signature.ts';
import type { TrustedCa, TrustStore } from './trust-store.ts';

export interface VerifiedCertificate extends CertificateIdentity {
  readonly algorithm: string;
  readonly revocation: RevocationResult;
}

export interface VerifiedSigner extends VerifiedCertificate {
  readonly signingTime: string | undefined;
  readonly certificate: Certificate;
}

export interface VerifiedCms {
  /** The signed bytes: the encapsulated content, or the detached data the caller supplied. */
  readonly content: Uint8Array;
  readonly signers: readonly VerifiedSigner[];
}

export interface VerifyCmsOptions {
  /** Content of a detached signature. */
  readonly data?: Uint8Array;
  /** What must have been signed, e.g. the server's one-time challenge. */
  readonly expectedContent?: Uint8Array;
  readonly purpose?: KeyPurpose;
  /** The instant validity and revocation are judged at; now by default. */
  readonly at?: Date;
  /** Sign-in accepts exactly one signer. */
  readonly singleSigner?: boolean;
}

export interface VerifyCertificateOptions {
  readonly purpose?: KeyPurpose;
  readonly at?: Date;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Verifies NCA RK signatures and certificates the way a national verifier would: content binding, digest and
 * signature, a path to a configured anchor with every signature checked, validity, key purpose, revocation.
 */
export class PkiVerifier {
  readonly #trustStore: TrustStore;
  readonly #revocation: RevocationChecker;
  readonly #clock: () => Date;
  /**
   * The CA whose signature each certificate was found to carry. A certificate is parsed once per distinct bytes
   * (certificate-cache.ts), and whether a key of this trust store signed those bytes never changes: the same person's
   * next sign-in skips the GOST verification of their certificate, not its dates, purpose or revocation.
   */
  readonly #issuers = new WeakMap<Certificate, TrustedCa>();

  constructor(options: { trustStore: TrustStore; revocation: RevocationChecker; clock?: () => Date }) {
    this.#trustStore = options.trustStore;
    this.#revocation = options.revocation;
    this.#clock = options.clock ?? (() => new Date());
  }

  async verifyCms(input: string | Uint8Array, options: VerifyCmsOptions = {}): Promise<VerifiedCms> {
    const signedData = parseSignedData(decodeCmsInput(input));
    const content = this.#content(signedData, options);
    if (signedData.signers.length === 0) throw new PkiError('pki.signer_count', 'CMS has no signer');
    if (options.singleSigner && signedData.signers.length !== 1) throw new PkiError('pki.signer_count', `CMS has ${signedData.signers.length} signers`);
    const at = options.at ?? this.#clock();
    const signers: VerifiedSigner[] = [];
    for (const signer of signedData.signers) signers.push(await this.#verifySigner(signedData, signer, content, at, options.purpose));
    return { content, signers };
  }

  async verifyCertificate(der: Uint8Array, options: VerifyCertificateOptions = {}): Promise<VerifiedCertificate> {
    let certificate: Certificate;
    try {
      certificate = parseCertificate(der);
    } catch (error) {
      if (error instanceof PkiError) throw error;
      throw new PkiError('pki.malformed', 'certificate');
    }
    return this.#verifyCertificate(certificate, options.at ?? this.#clock(), options.purpose);
  }

  #content(signedData: SignedData, options: VerifyCmsOptions): Uint8Array {
    if (signedData.contentType !== OID.data) throw new PkiError('pki.malformed', `CMS content type ${signedData.contentType}`);
    const { content: attached } = signedData;
    if (attached && options.data && !bytesEqual(attached, options.data)) throw new PkiError('pki.content_mismatch', 'attached content differs from the data given');
    const content = attached ?? options.data;
    if (!content) throw new PkiError('pki.content_missing', 'detached CMS without data');
    if (options.expectedContent && !sameBytes(content, options.expectedContent)) throw new PkiError('pki.content_mismatch', 'the signed content is not the expected one');
    return content;
  }

  async #verifySigner(signedData: SignedData, signer: SignerInfo, content: Uint8Array, at: Date, purpose: KeyPurpose | undefined): Promise<VerifiedSigner> {
    const certificate = findSignerCertificate(signedData, signer.sid);
    if (!certificate) throw new PkiError('pki.signer_not_found', 'the CMS does not carry the signer certificate');
    const scheme = signatureScheme(signer.signatureAlgorithm, signer.digestAlgorithm.oid);
    let signedBytes = content;
    let signingTime: Date | undefined;
    if (signer.signedAttributesDer) {
      const contentType = singleAttribute(signer, OID.contentType);
      if (!contentType || readOid(contentType, 'contentType attribute') !== signedData.contentType) throw new PkiError('pki.malformed', 'CMS contentType attribute');
      const messageDigest = singleAttribute(signer, OID.messageDigest);
      if (!messageDigest) throw new PkiError('pki.malformed', 'CMS without messageDigest');
      if (!bytesEqual(readOctetString(messageDigest, 'messageDigest'), computeDigest(signer.digestAlgorithm.oid, content))) {
        throw new PkiError('pki.digest_mismatch', 'messageDigest is not the digest of the content');
      }
      const time = singleAttribute(signer, OID.signingTime);
      signingTime = time && readTime(time, 'signingTime');
      signedBytes = signer.signedAttributesDer;
    }
    verifySignature(certificate.publicKeyInfo, scheme, signedBytes, signer.signature, 'CMS signature');
    const verified = await this.#verifyCertificate(certificate, at, purpose);
    return { ...verified, signingTime: signingTime?.toISOString(), certificate };
  }

  async #verifyCertificate(certificate: Certificate, at: Date, purpose: KeyPurpose | undefined): Promise<VerifiedCertificate> {
    const issuer = this.#issuer(certificate);
    for (const ca of issuer.path) {
      if (ca.notAfter < at || ca.notBefore > at) throw new PkiError('pki.ca_invalid', `CA certificate ${ca.serialHex} is not valid at ${at.toISOString()}`);
    }
    if (certificate.notAfter < at) throw new PkiError('pki.cert_expired', `expired ${certificate.notAfter.toISOString()}`, { date: displayDate(certificate.notAfter) });
    if (certificate.notBefore > at) throw new PkiError('pki.cert_not_yet_valid', `valid from ${certificate.notBefore.toISOString()}`, { date: displayDate(certificate.notBefore) });
    const critical = unknownCriticalExtension(certificate.extensions);
    if (critical) throw new PkiError('pki.critical_extension', `unknown critical extension ${critical}`);
    if (purpose) checkKeyPurpose(certificate, purpose);
    const revocation = await this.#revocation.check(certificate, issuer, at);
    return { ...certificateIdentity(certificate), algorithm: keyAlgorithmName(certificate.publicKeyInfo), revocation };
  }

  /** The CA of the trust store whose key verifies the certificate's signature; names alone prove nothing. */
  #issuer(certificate: Certificate): TrustedCa {
    const known = this.#issuers.get(certificate);
    if (known) return known;
    const scheme = signatureScheme(certificate.signatureAlgorithm);
    for (const ca of this.#trustStore.issuersOf(certificate)) {
      try {
        verifySignature(ca.certificate.publicKeyInfo, scheme, certificate.tbs, certificate.signature, 'certificate', ca.key);
        this.#issuers.set(certificate, ca);
        return ca;
      } catch (error) {
        if (!(error instanceof PkiError) || error.code !== 'pki.signature_invalid') throw error;
      }
    }
    throw new PkiError('pki.chain_untrusted', 'no CA of the trust store issued this certificate');
  }
}
