import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../../src/pki/certificate.ts';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { children, contextTag, parseDer, sequence, unwrapExplicit } from '../../../src/pki/der.ts';
import { PkiError } from '../../../src/pki/errors.ts';
import { OID } from '../../../src/pki/oids.ts';
import { certIdFor, verifyOcspResponse } from '../../../src/pki/revocation/ocsp.ts';
import { type TrustedCa, buildTrustStore } from '../../../src/pki/trust-store.ts';
import { createTestPki, loadSampleKeyStore, signCms } from '../../support/pki/index.ts';
import { pkiFailure } from '../../support/pki-failure.ts';
import { readSample, readSampleDer, samplePath, samplesPresent } from '../../support/samples.ts';

const GOST_TRUST = ['ncanode-go-kz/root_test_gost_2022.cer', 'ncanode-go-kz/nca_gost2022_test.cer'];
const RSA_TRUST = ['gokalkan/root_rsa_test_0a986397.crt', 'ncanode/NCA_2004_RSA_CERT.pem'];
const CRL_2026 = 'ncanode-go-kz/nca_gost2022_test.crl';

const pemOrDer = readSampleDer;

function verifier(trust: string[], options: { crl?: string[]; at?: Date } = {}) {
  const clock = () => options.at ?? new Date();
  return createPkiVerifier({
    trusted: trust.map(pemOrDer),
    crls: (options.crl ?? []).map(readSample),
    revocation: options.crl ? 'crl' : 'off',
    clock,
  }).verifier;
}

describe.skipIf(!samplesPresent)('real NCA TEST certificates (GOST-2015, 2026 set)', () => {
  let current: ReturnType<typeof verifier>;
  beforeAll(() => {
    current = verifier(GOST_TRUST, { crl: [CRL_2026], at: new Date('2026-11-01T00:00:00Z') });
  });

  it('accepts a valid individual key for sign-in, with the identity read by OID', async () => {
    const signer = await current.verifyCertificate(pemOrDer('ncanode-go-kz/individual_valid_individual_valid.certs.pem'), { purpose: 'auth' });
    expect(signer).toMatchObject({
      iin: '123456789011', bin: undefined, surname: 'ТЕСТОВ', givenName: 'ТЕСТ', patronymic: 'ТЕСТОВИЧ', commonName: 'ТЕСТОВ ТЕСТ',
      subjectType: 'individual', roles: [], algorithm: 'GOST34.10-2015-512', serialNumber: '6c425659bd2fc6dc587b871aede1857727cf8451',
      issuer: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022', notAfter: '2027-05-08T06:45:13.000Z',
      revocation: { status: 'good', source: 'crl' },
    });
  });

  it('reads the company and the first-head role of a legal-entity key', async () => {
    const signer = await current.verifyCertificate(pemOrDer('ncanode-go-kz/legal_valid_head.certs.pem'), { purpose: 'auth' });
    expect(signer).toMatchObject({ subjectType: 'legal_entity', bin: '123456789021', organization: 'АО "ТЕСТ"', roles: ['first_head'] });
    await expect(current.verifyCertificate(pemOrDer('ncanode-go-kz/legal_valid_head.certs.pem'), { purpose: 'person' })).resolves.toMatchObject({ roles: ['first_head'] });
    await expect(current.verifyCertificate(pemOrDer('ncanode-go-kz/individual_valid_individual_valid.certs.pem'), { purpose: 'person' })).resolves.toMatchObject({ iin: '123456789011' });
  });

  it('accepts the signing-right key whose extendedKeyUsage is critical', async () => {
    const signer = await current.verifyCertificate(pemOrDer('ncanode-go-kz/legal_valid_employee_signright.certs.pem'), { purpose: 'sign' });
    expect(signer.roles).toEqual(['signing_right']);
  });

  it.each([
    ['individual_revoked_individual_revoked', 'certificateHold'],
    ['legal_revoked_head', 'certificateHold'],
    ['legal_valid_employee', 'superseded'],
  ])('finds %s revoked on the CRL (%s)', async (name) => {
    expect(await pkiFailure(current.verifyCertificate(pemOrDer(`ncanode-go-kz/${name}.certs.pem`)))).toBe('pki.cert_revoked');
  });

  it('refuses information-system certificates for sign-in', async () => {
    expect(await pkiFailure(current.verifyCertificate(pemOrDer('ncanode-go-kz/legal_valid_treasury_client.certs.pem'), { purpose: 'auth' }))).toBe('pki.not_a_person');
    expect(await pkiFailure(current.verifyCertificate(pemOrDer('ncanode-go-kz/legal_valid_infosystem.certs.pem'), { purpose: 'auth' }))).toBe('pki.not_a_person');
    for (const name of ['legal_valid_treasury_client', 'legal_valid_infosystem']) {
      expect(await pkiFailure(current.verifyCertificate(pemOrDer(`ncanode-go-kz/${name}.certs.pem`), { purpose: 'person' })), name).toBe('pki.not_a_person');
    }
    const system = await current.verifyCertificate(pemOrDer('ncanode-go-kz/legal_valid_treasury_client.certs.pem'));
    expect(system).toMatchObject({ iin: undefined, bin: '123456789021', roles: ['information_system'] });
  });

  it('fails closed when the CRL is no longer current', async () => {
    const later = verifier(GOST_TRUST, { crl: [CRL_2026], at: new Date('2027-03-01T00:00:00Z') });
    expect(await pkiFailure(later.verifyCertificate(pemOrDer('ncanode-go-kz/individual_valid_individual_valid.certs.pem')))).toBe('pki.revocation_unavailable');
  });

  it('says expired after notAfter and not yet valid before notBefore', async () => {
    const cert = pemOrDer('ncanode-go-kz/individual_valid_individual_valid.certs.pem');
    expect(await pkiFailure(verifier(GOST_TRUST, { at: new Date('2027-06-01T00:00:00Z') }).verifyCertificate(cert))).toBe('pki.cert_expired');
    expect(await pkiFailure(verifier(GOST_TRUST, { at: new Date('2026-05-01T00:00:00Z') }).verifyCertificate(cert))).toBe('pki.cert_not_yet_valid');
  });

  it('trusts nothing without the anchor: the intermediate alone is not a root', async () => {
    expect(() => verifier(['ncanode-go-kz/nca_gost2022_test.cer'])).toThrow(PkiError);
  });

  it('refuses a CRL that no trusted CA signed', () => {
    expect(() => verifier(RSA_TRUST, { crl: [CRL_2026] })).toThrow(/not signed by a CA of the trust store/);
  });
});

describe.skipIf(!samplesPresent)('older GOST-2015 test keys at a date inside their validity', () => {
  it.each([
    ['gokalkan/gost1_75027379.certs.pem', '2025-01-01'],
    ['kalkan-crypt-php/GOST512_first_director_valid_af95bda9.certs.pem', '2023-12-01'],
    ['kalkan-crypt-php/GOST512_employee_with_signatory_authority_valid_33daa528.certs.pem', '2023-12-01'],
    ['ncanode/KEY_INDIVIDUAL_VALID_2015.certs.pem', '2023-01-01'],
    ['ncanode/KEY_CEO_REVOKED_2015.certs.pem', '2023-01-01'],
  ])('%s chains to the GOST TEST 2022 root', async (path, date) => {
    const at = new Date(`${date}T00:00:00Z`);
    const cert = pemOrDer(path);
    const { notBefore, notAfter } = parseCertificate(cert);
    expect(at >= notBefore && at <= notAfter, `${date} within ${notBefore.toISOString()}..${notAfter.toISOString()}`).toBe(true);
    await expect(verifier(GOST_TRUST, { at }).verifyCertificate(cert)).resolves.toMatchObject({ algorithm: 'GOST34.10-2015-512' });
  });
});

/** Drops every SignerInfo but the first: the others' bytes are not covered by the first one's signature. */
function keepFirstSigner(der: Uint8Array): Uint8Array {
  const contentInfo = asn1js.fromBER(der).result as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const signerInfos = signedData.valueBlock.value[signedData.valueBlock.value.length - 1] as asn1js.Set;
  signerInfos.valueBlock.value.splice(1);
  return new Uint8Array(contentInfo.toBER());
}

describe.skipIf(!samplesPresent)('CMS made by KalkanCrypt', () => {
  const at = new Date('2023-01-01T00:00:00Z');
  const gost = () => verifier(GOST_TRUST, { at });

  it('verifies the GOST-2015 signer of the attached two-signer CMS over "test123"', async () => {
    const cms = keepFirstSigner(readSample('ncanode/CmsServiceTest_SIGNED_CMS.cms.der'));
    const result = await gost().verifyCms(cms, { expectedContent: new TextEncoder().encode('test123'), purpose: 'auth', singleSigner: true });
    expect(result.signers[0]).toMatchObject({ iin: '123456789012', algorithm: 'GOST34.10-2015-512' });
    expect(result.signers[0]!.signingTime).toMatch(/^2022-/);
  });

  it('checks every signer: the RSA signer of the same CMS expired in 2022', async () => {
    const trust = verifier([...GOST_TRUST, ...RSA_TRUST], { at });
    expect(await pkiFailure(trust.verifyCms(readSample('ncanode/CmsServiceTest_SIGNED_CMS.cms.der')))).toBe('pki.cert_expired');
    expect(await pkiFailure(trust.verifyCms(readSample('ncanode/CmsServiceTest_SIGNED_CMS.cms.der'), { singleSigner: true }))).toBe('pki.signer_count');
  });

  it('verifies the detached CMS with its data, and refuses other data', async () => {
    const cms = keepFirstSigner(readSample('ncanode/CmsServiceTest_SIGNED_DETACHED_CMS.cms.der'));
    await expect(gost().verifyCms(cms, { data: new TextEncoder().encode('test123') })).resolves.toBeDefined();
    expect(await pkiFailure(gost().verifyCms(cms, { data: new TextEncoder().encode('test124') }))).toBe('pki.digest_mismatch');
    expect(await pkiFailure(gost().verifyCms(cms))).toBe('pki.content_missing');
  });

  it('verifies RSA AUTH and SIGN CMS of 2020 and enforces the key purpose', async () => {
    const rsa = verifier(RSA_TRUST, { at: new Date('2020-06-01T00:00:00Z') });
    const auth = 'ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.cms.der';
    const sign = 'ncanode-go/personal_active_RSA256_11c707bd54cbfcccb3815e39c4eb57b1dc7dfea9.cms.der';
    const result = await rsa.verifyCms(readSample(auth), { purpose: 'auth', expectedContent: new TextEncoder().encode('asdasd') });
    expect(result.signers[0]).toMatchObject({ iin: '123456789011', algorithm: 'RSA', subjectType: 'individual' });
    expect(await pkiFailure(rsa.verifyCms(readSample(sign), { purpose: 'auth' }))).toBe('pki.key_purpose');
    expect(await pkiFailure(rsa.verifyCms(readSample(auth), { purpose: 'sign' }))).toBe('pki.key_purpose');
    await expect(rsa.verifyCms(readSample(sign), { purpose: 'sign' })).resolves.toBeDefined();
    // Registration reads the person from whichever key they pick.
    for (const sample of [auth, sign]) expect((await rsa.verifyCms(readSample(sample), { purpose: 'person' })).signers[0]!.iin).toBe('123456789011');
    const org = await rsa.verifyCms(readSample('ncanode-go/organization_active_AUTH_RSA256_d682726b55b3e62600ea8fe1c74e75fc96f47790.cms.der'), { purpose: 'auth' });
    expect(org.signers[0]).toMatchObject({ subjectType: 'legal_entity', roles: ['first_head'], bin: '123456789021' });
  });

  it('refuses the same RSA CMS under the GOST trust store and a wrong challenge', async () => {
    const auth = readSample('ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.cms.der');
    expect(await pkiFailure(verifier(GOST_TRUST, { at: new Date('2020-06-01T00:00:00Z') }).verifyCms(auth))).toBe('pki.chain_untrusted');
    const rsa = verifier(RSA_TRUST, { at: new Date('2020-06-01T00:00:00Z') });
    expect(await pkiFailure(rsa.verifyCms(auth, { expectedContent: new TextEncoder().encode('asdasf') }))).toBe('pki.content_mismatch');
  });

  it('verifies a legacy GOST 34.310-2004 CMS of 2020 through the legacy GOST test root and intermediate', async () => {
    const legacy = verifier(['gokalkan/root_gost_test_0a266fd3.crt', 'ncanode/NCA_2004_GOST_CERT.pem'], { at: new Date('2020-09-10T00:00:00Z') });
    const cms = readSample('ncanode-go/organization_active_GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.cms.der');
    const result = await legacy.verifyCms(cms, { purpose: 'sign', expectedContent: new TextEncoder().encode('asdasd') });
    expect(result.signers[0]).toMatchObject({
      algorithm: 'GOST34.310-2004', iin: '123456789011', bin: '123456789021', subjectType: 'legal_entity', roles: ['first_head'],
      issuer: 'ҰКО 3.0 (GOST TEST)', serialNumber: '10dcd6f16215ed03aa57856ac168adeaa534f3bf', signingTime: '2020-09-09T20:03:14.000Z',
    });
    expect(await pkiFailure(legacy.verifyCms(cms, { purpose: 'auth' }))).toBe('pki.key_purpose');
  });
});

/** The nonce the sample response echoes (NCANode sent it); a live check compares it with the one Kilt sent. */
function echoedNonce(response: Uint8Array): Uint8Array {
  const [, bytes] = sequence(parseDer(response), 'OCSPResponse');
  const [, octets] = sequence(unwrapExplicit(bytes!, 'responseBytes'), 'ResponseBytes');
  const basic = parseDer(octets!.value);
  const data = sequence(sequence(basic, 'basic')[0], 'tbs');
  const extensions = unwrapExplicit(data[data.length - 1]!, "responseExtensions");
  for (const extension of children(extensions)) {
    const [oid, value] = children(extension);
    if (Buffer.from(oid!.raw).equals(Buffer.from('06092b0601050507300102', 'hex'))) return parseDer(value!.value).value;
  }
  throw new Error('no nonce');
}

describe.skipIf(!samplesPresent)('OCSP responses of the NCA TEST responder', () => {
  let issuer: TrustedCa;
  beforeAll(() => {
    issuer = buildTrustStore(GOST_TRUST.map(pemOrDer)).store.cas.find((ca) => ca.path.length === 2)!;
  });

  it.each([
    ['res_ocsp_ocsp_response_individual_2015.bin', 'KEY_INDIVIDUAL_VALID_2015.certs.pem'],
    ['res_ocsp_ocsp_response_ceo_2015_revoked.bin', 'KEY_CEO_REVOKED_2015.certs.pem'],
  ])('%s: the GOST-signed answer verifies through its responder certificate', (responseFile, certFile) => {
    const response = readSample(`ncanode/${responseFile}`);
    const certificate = parseCertificate(pemOrDer(`ncanode/${certFile}`));
    const answer = verifyOcspResponse(response, {
      id: certIdFor(certificate, issuer.certificate), issuer, nonce: echoedNonce(response),
      now: new Date('2022-09-02T17:00:00Z'), clockSkewMs: 300_000, maxAgeMs: 86_400_000,
    });
    expect(['good', 'revoked']).toContain(answer.status);
    if (responseFile.includes('revoked')) expect(answer).toMatchObject({ status: 'revoked', reason: 'certificateHold' });
  });

  it('refuses a sample answer when the nonce is not ours, and when a byte of it is changed', () => {
    const response = readSample('ncanode/res_ocsp_ocsp_response_individual_2015.bin');
    const certificate = parseCertificate(pemOrDer('ncanode/KEY_INDIVIDUAL_VALID_2015.certs.pem'));
    const check = { id: certIdFor(certificate, issuer.certificate), issuer, now: new Date('2022-09-02T17:00:00Z'), clockSkewMs: 300_000, maxAgeMs: 86_400_000 };
    expect(() => verifyOcspResponse(response, { ...check, nonce: new Uint8Array(8) })).toThrow(/nonce/);
    const tampered = Uint8Array.from(response);
    tampered[200]! ^= 1;
    expect(() => verifyOcspResponse(tampered, { ...check, nonce: echoedNonce(response) })).toThrow(PkiError);
  });

  it('keeps OIDs used by the responder check', () => {
    expect(OID.ekuOcspSigning).toBe('1.3.6.1.5.5.7.3.9');
  });
});

describe.skipIf(!samplesPresent)('our own CMS, signed with the real NCA TEST keys', () => {
  const at = new Date('2026-11-01T00:00:00Z');
  const challenge = new Uint8Array(randomBytes(32));

  it.each([
    ['individual_valid_individual_valid', 'individual', []],
    ['legal_valid_head', 'legal_entity', ['first_head']],
    ['legal_valid_employee_signright', 'legal_entity', ['signing_right']],
  ])('%s signs a sign-in challenge that verifies, CRL-checked', async (name, subjectType, roles) => {
    const key = await loadSampleKeyStore(samplePath(`ncanode-go-kz/${name}.p12`), 'Qwerty12');
    const cms = signCms(challenge, key, { signingTime: at });
    const { signers } = await verifier(GOST_TRUST, { crl: [CRL_2026], at }).verifyCms(cms, { expectedContent: challenge, purpose: 'auth', singleSigner: true });
    expect(signers[0]).toMatchObject({ subjectType, roles, serialNumber: key.serialHex, revocation: { status: 'good', source: 'crl' } });
  });

  it('a revoked real key signs validly and is still refused', async () => {
    const key = await loadSampleKeyStore(samplePath('ncanode-go-kz/legal_revoked_head.p12'), 'Qwerty12');
    const cms = signCms(challenge, key, { signingTime: at });
    expect(await pkiFailure(verifier(GOST_TRUST, { crl: [CRL_2026], at }).verifyCms(cms, { expectedContent: challenge }))).toBe('pki.cert_revoked');
  });

  it('a fake NCALayer with a look-alike of the NCA TEST CA (same names, own keys) is refused', async () => {
    const fake = await createTestPki({ algorithm: 'gost512', names: 'nca-test-2022', now: at });
    expect(Buffer.from(fake.intermediate.subjectName)).toEqual(Buffer.from(parseCertificate(pemOrDer('ncanode-go-kz/nca_gost2022_test.cer')).subject.der));
    const cms = signCms(challenge, fake.endEntities.individual, { signingTime: at });
    expect(await pkiFailure(verifier(GOST_TRUST, { at }).verifyCms(cms, { expectedContent: challenge, purpose: 'auth' }))).toBe('pki.chain_untrusted');
  });
});
