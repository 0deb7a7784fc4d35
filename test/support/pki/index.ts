// The test PKI: NCA-profile certificates, CRLs, Kalkan-style CMS and an OCSP responder, RSA or GOST R 34.10-2015
// (512 or 256 bits).
export { asn1Shape } from './asn1-shape.ts';
export type { CaNames } from './ca-profile.ts';
export type { IssuedCertificate, SigningIdentity } from './certificate.ts';
export { type CmsOptions, type CmsTamper, cmsToBase64, cmsToPem, signCms } from './cms.ts';
export { CRL_REASON_CODES, type CrlEntry, type CrlReason, crlToPem } from './crl.ts';
export type { KeyPurpose, PkiUrls, Role } from './end-entity-profile.ts';
export type { EndEntitySpec, IssueSpec, TestEndEntity } from './end-entity.ts';
export { loadSampleKeyStore, type SampleKeyStore } from './keystore.ts';
export { kzCheckDigit, makeBin, makeIin } from './kz-id.ts';
export { type OcspRequestOptions, buildOcspRequest, postOcspRequest } from './ocsp-request.ts';
export { type OcspFailure, type OcspResponder, type OcspResponderOptions, startOcspResponder } from './ocsp-responder.ts';
export { type OcspResponseOptions, type OcspResponseStatus, buildOcspResponse } from './ocsp-response.ts';
export { KEY_USER, OID, POLICY } from './oids.ts';
export {
  SECOND_ORGANIZATION_SIGNER,
  SECOND_TEST_ORGANIZATION,
  TEST_INFORMATION_SYSTEM,
  TEST_ORGANIZATION,
  TEST_PEOPLE,
  type TestOrganization,
  type TestPerson,
} from './people.ts';
export type { CommonEndEntityName, EndEntityName, RsaSignName, StatusProfile } from './catalogue.ts';
export {
  type PkiCrlOptions,
  type Revocation,
  type RevocationSpec,
  type TestPki,
  type TestPkiOptions,
  createTestPki,
} from './pki.ts';
export {
  type GostAlgorithm,
  type GostSigner,
  type KeyAlgorithm,
  type RsaSigner,
  type Signer,
  generateSigner,
  gostSigner,
  rsaSigner,
  signData,
} from './signer.ts';
