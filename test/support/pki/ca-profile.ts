// Root, intermediate and OCSP-responder profiles, after the NCA test CAs: GOST as root_test_gost_2022 /
// nca_gost2022_test, RSA as НЕГІЗГІ КО TEST (RSA) / ҰКО 3.0 (RSA TEST), the responder as the one inside
// ncanode/res_ocsp_ocsp_response_individual_2015.bin.
import {
  type Extension,
  authorityInfoAccess,
  authorityKeyIdentifier,
  basicConstraintsCa,
  certificatePolicies,
  crlDistributionPoints,
  extendedKeyUsage,
  keyUsage,
  ncaKeyStorePkcs12,
  ocspNoCheck,
  subjectKeyIdentifier,
} from './extensions.ts';
import { fromHex } from './der.ts';
import { CPS_URL, type PkiUrls } from './end-entity-profile.ts';
import { type NameAttribute, nameAttribute as at } from './name.ts';
import { OID, POLICY } from './oids.ts';
import type { KeyAlgorithm } from './signer.ts';

/** 'kilt': our own test CA names. 'nca-test-2022': a forgery that copies the real NCA TEST 2022 CA names and ids. */
export type CaNames = 'kilt' | 'nca-test-2022';

export interface CaIdentity {
  readonly subject: readonly NameAttribute[];
  /** Serial and key id of the imitated real CA, so that only its key tells the forgery apart. */
  readonly imitated?: { readonly serial: Uint8Array; readonly subjectKeyId: Uint8Array };
}

export interface CaIdentities {
  readonly root: CaIdentity;
  readonly intermediate: CaIdentity;
  readonly ocspResponder: CaIdentity;
}

const NCA_TEST_2022_ROOT = 'НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022';
const NCA_TEST_2022_INTERMEDIATE = 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022';

export function caIdentities(names: CaNames, algorithm: KeyAlgorithm): CaIdentities {
  if (names === 'nca-test-2022') {
    return {
      root: {
        subject: [at.commonName(NCA_TEST_2022_ROOT), at.country('KZ')],
        imitated: {
          serial: fromHex('27d3ab7790372e5b698170dde60ccca38bc3a4b2'),
          subjectKeyId: fromHex('a7d3ab7790372e5b698170dde60ccca38bc3a4b2'),
        },
      },
      intermediate: {
        subject: [at.commonName(NCA_TEST_2022_INTERMEDIATE), at.country('KZ')],
        imitated: {
          serial: fromHex('7ad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3'),
          subjectKeyId: fromHex('fad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3'),
        },
      },
      ocspResponder: { subject: responderSubject('ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022') },
    };
  }
  const label = algorithm === 'rsa' ? 'RSA' : 'GOST';
  const intermediateName = `KILT TEST CA (${label})`;
  const intermediateSubject =
    algorithm === 'rsa'
      ? [at.country('KZ'), at.commonName(intermediateName)]
      : [at.commonName(intermediateName), at.country('KZ')];
  return {
    root: { subject: [at.commonName(`KILT TEST ROOT CA (${label})`), at.country('KZ')] },
    intermediate: { subject: intermediateSubject },
    ocspResponder: { subject: responderSubject(intermediateName) },
  };
}

function responderSubject(caName: string): NameAttribute[] {
  return [at.commonName('OCSP RESPONDER'), at.country('KZ'), at.organization(caName)];
}

export interface CaExtensionInput {
  readonly algorithm: KeyAlgorithm;
  readonly subjectKeyId: Uint8Array;
  /** The root's key id, DER name and serial: CA certificates carry the full AuthorityKeyIdentifier. */
  readonly issuer: { readonly keyId: Uint8Array; readonly name: Uint8Array; readonly serial: Uint8Array };
  readonly urls: PkiUrls;
}

const caKeyUsage = () => keyUsage(['keyCertSign', 'cRLSign']);

export function rootExtensions({ algorithm, subjectKeyId, issuer }: CaExtensionInput): Extension[] {
  const ski = subjectKeyIdentifier(subjectKeyId);
  const aki = authorityKeyIdentifier(issuer.keyId, issuer);
  const policies = certificatePolicies(POLICY.root, 'http://root.gov.kz/cps');
  if (algorithm !== 'rsa') return [basicConstraintsCa(), caKeyUsage(), ski, aki, policies];
  return [ski, aki, basicConstraintsCa(), caKeyUsage(), policies];
}

export function intermediateExtensions({ algorithm, subjectKeyId, issuer, urls }: CaExtensionInput): Extension[] {
  const ski = subjectKeyIdentifier(subjectKeyId);
  const aki = authorityKeyIdentifier(issuer.keyId, issuer);
  const crl = crlDistributionPoints([urls.rootCrl]);
  const aia = authorityInfoAccess([{ method: 'caIssuers', url: urls.rootCaIssuers }]);
  if (algorithm !== 'rsa') {
    return [basicConstraintsCa(), caKeyUsage(), crl, ski, aki, aia, certificatePolicies(POLICY.gost, CPS_URL)];
  }
  return [ski, aki, basicConstraintsCa(), caKeyUsage(), aia, certificatePolicies(POLICY.rsaIntermediate, CPS_URL), crl];
}

/** KU digitalSignature is not critical in the NCA responder certificate. */
export function ocspResponderExtensions(subjectKeyId: Uint8Array, issuerKeyId: Uint8Array): Extension[] {
  return [
    keyUsage(['digitalSignature'], false),
    ocspNoCheck(),
    extendedKeyUsage([OID.ocspSigning]),
    subjectKeyIdentifier(subjectKeyId),
    authorityKeyIdentifier(issuerKeyId),
    ncaKeyStorePkcs12(),
  ];
}
