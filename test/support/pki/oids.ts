// Object identifiers of the test PKI. Deliberately separate from src/pki/oids.ts: a typo shared with the verifier
// would make the test PKI agree with the verifier's bug instead of exposing it.

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  gost512PublicKey: '1.2.398.3.10.1.1.2.2',
  gost512ParamSetA: '1.2.398.3.10.1.1.2.2.1',
  gost512Signature: '1.2.398.3.10.1.1.2.3.2',
  streebog512: '1.2.398.3.10.1.3.3',
  gost256PublicKey: '1.2.398.3.10.1.1.2.1',
  gost256ParamSetA: '1.2.398.3.10.1.1.2.1.1',
  gost256Signature: '1.2.398.3.10.1.1.2.3.1',
  streebog256: '1.2.398.3.10.1.3.2',

  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  stateOrProvince: '2.5.4.8',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  emailAddress: '1.2.840.113549.1.9.1',
  userId: '0.9.2342.19200300.100.1.1',

  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  deltaCrlIndicator: '2.5.29.27',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ncaKeyStore: '1.2.398.3.3.5',
  ncaKeyStorePkcs12: '1.2.398.3.3.5.1.1',

  cpsQualifier: '1.3.6.1.5.5.7.2.1',
  userNoticeQualifier: '1.3.6.1.5.5.7.2.2',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  ocspExtendedRevoke: '1.3.6.1.5.5.7.48.1.9',

  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  ocspSigning: '1.3.6.1.5.5.7.3.9',

  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',

  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

/** NCA "key user" OIDs, carried in extendedKeyUsage (kz-pki.md §2.2). */
export const KEY_USER = {
  individual: '1.2.398.3.3.4.1.1',
  legalEntity: '1.2.398.3.3.4.1.2',
  firstHead: '1.2.398.3.3.4.1.2.1',
  signingRight: '1.2.398.3.3.4.1.2.2',
  financialSigningRight: '1.2.398.3.3.4.1.2.3',
  hr: '1.2.398.3.3.4.1.2.4',
  employee: '1.2.398.3.3.4.1.2.5',
  informationSystem: '1.2.398.3.3.4.1.2.6',
} as const;

/** certificatePolicies OIDs (kz-pki.md §2.3). */
export const POLICY = {
  root: '1.2.398.3.1.2',
  rsaIntermediate: '1.2.398.3.3.1.1',
  gost: '1.2.398.3.3.2',
  legalEntitySign: '1.2.398.3.3.2.1',
  legalEntityAuth: '1.2.398.3.3.2.2',
  individualSign: '1.2.398.3.3.2.3',
  individualAuth: '1.2.398.3.3.2.4',
} as const;
