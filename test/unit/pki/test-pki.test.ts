// The test PKI checked independently of the verifier: RSA with node:crypto, openssl and pkijs; GOST with the bare
// Streebog / GOST R 34.10-2015 primitives; shapes against the real NCA samples when they are present.
import { spawnSync } from 'node:child_process';
import { X509Certificate, verify as verifyRsa } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GostCurve, TC26_256_A, TC26_512_A, gostPublicKey } from '../../../src/pki/gost/gost3410.ts';
import { streebog256, streebog512 } from '../../../src/pki/gost/streebog.ts';
import {
  type CommonEndEntityName,
  KEY_USER,
  type KeyAlgorithm,
  OID,
  type TestPki,
  asn1Shape,
  buildOcspRequest,
  buildOcspResponse,
  cmsToBase64,
  cmsToPem,
  createTestPki,
  loadSampleKeyStore,
  postOcspRequest,
  signCms,
  startOcspResponder,
} from '../../support/pki/index.ts';
import { readSampleDer, samplePath, samplesPresent } from '../../support/samples.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const certificate = (der: Uint8Array) => pkijs.Certificate.fromBER(der);
const contents = (node: { valueBlock: { valueHexView: Uint8Array } }) => node.valueBlock.valueHexView;
const encoded = (object: { toSchema(): { toBER(): ArrayBuffer } }) => new Uint8Array(object.toSchema().toBER());

const sample = readSampleDer;

/** Written out here rather than imported, so that a bug in the generator's copy cannot hide. */
function validKzId(id: string): boolean {
  const digits = [...id].map(Number);
  const sum = (weights: number[]) => weights.reduce((total, weight, index) => total + weight * digits[index]!, 0) % 11;
  let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return /^\d{12}$/.test(id) && check !== 10 && check === digits[11];
}

const GOST_KEYS: Readonly<Record<string, { curve: GostCurve; hash: (data: Uint8Array) => Uint8Array }>> = {
  [OID.gost512PublicKey]: { curve: TC26_512_A, hash: streebog512 },
  [OID.gost256PublicKey]: { curve: TC26_256_A, hash: streebog256 },
};

/** Signature of `tbs` by the key certified in `issuer`: RSA through OpenSSL, GOST through the bare primitives. */
function signedBy(issuer: Uint8Array, tbs: Uint8Array, signature: Uint8Array): boolean {
  const info = certificate(issuer).subjectPublicKeyInfo;
  if (info.algorithm.algorithmId === OID.rsaEncryption) {
    return verifyRsa('sha256', tbs, new X509Certificate(issuer).publicKey, signature);
  }
  const { curve, hash } = GOST_KEYS[info.algorithm.algorithmId]!;
  const point = asn1js.fromBER(contents(info.subjectPublicKey)).result as asn1js.OctetString;
  return gostPublicKey(curve, contents(point)).verify(hash(tbs), signature);
}

function certificateSignedBy(subject: Uint8Array, issuer: Uint8Array): boolean {
  const parsed = certificate(subject);
  return signedBy(issuer, parsed.tbsView, contents(parsed.signatureValue));
}

function extension(der: Uint8Array, id: string): pkijs.Extension | undefined {
  return certificate(der).extensions?.find((candidate) => candidate.extnID === id);
}

function extensionHex(der: Uint8Array, id: string): string | undefined {
  const found = extension(der, id);
  return found && hex(contents(found.extnValue));
}

const extendedKeyUsage = (der: Uint8Array) => (extension(der, OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage).keyPurposes;

function policies(der: Uint8Array): string[] {
  const parsed = extension(der, OID.certificatePolicies)?.parsedValue as pkijs.CertificatePolicies;
  return parsed.certificatePolicies.map((policy) => policy.policyIdentifier);
}

/** [OID, ASN.1 string type, value] of each subject attribute, in order. */
function subjectAttributes(der: Uint8Array): [string, string, string][] {
  return certificate(der).subject.typesAndValues.map((attribute) => {
    const value = attribute.value as asn1js.Utf8String;
    return [attribute.type, value.constructor.name, value.valueBlock.value];
  });
}

function basicResponse(response: Uint8Array): pkijs.BasicOCSPResponse {
  return pkijs.BasicOCSPResponse.fromBER(contents(pkijs.OCSPResponse.fromBER(response).responseBytes!.response));
}

function nonceOf(extensions: pkijs.Extension[] | undefined): string | undefined {
  const nonce = extensions?.find((candidate) => candidate.extnID === OID.ocspNonce);
  return nonce && hex(contents(nonce.extnValue));
}

/** good / revoked (with reason code and time) / unknown of the first SingleResponse. */
function certStatus(response: Uint8Array): { status: string; reason?: number; revokedAt?: Date } {
  const single = basicResponse(response).tbsResponseData.responses[0]!;
  const status = single.certStatus as asn1js.Constructed;
  const name = ['good', 'revoked', 'unknown'][status.idBlock.tagNumber]!;
  if (name !== 'revoked') return { status: name };
  const [revocationTime, reason] = status.valueBlock.value as [asn1js.GeneralizedTime, asn1js.Constructed | undefined];
  const code = reason && (reason.valueBlock.value[0] as asn1js.Enumerated).valueBlock.valueDec;
  return { status: name, revokedAt: revocationTime.toDate(), ...(code !== undefined && { reason: code }) };
}

const opensslAvailable = spawnSync('openssl', ['version']).status === 0;

function openssl(args: string[], files: Record<string, string | Uint8Array>): { ok: boolean; output: string } {
  const directory = mkdtempSync(join(tmpdir(), 'kilt-pki-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
    const result = spawnSync('openssl', args, { cwd: directory, encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const ROLE_KEY_USERS = {
  individual: [KEY_USER.individual],
  firstHead: [KEY_USER.legalEntity, KEY_USER.firstHead],
  signingRight: [KEY_USER.legalEntity, KEY_USER.signingRight],
  financialSigningRight: [KEY_USER.legalEntity, KEY_USER.financialSigningRight],
  hr: [KEY_USER.legalEntity, KEY_USER.hr],
  employee: [KEY_USER.legalEntity, KEY_USER.employee],
  informationSystem: [KEY_USER.legalEntity, KEY_USER.informationSystem],
} as const;
type Role = keyof typeof ROLE_KEY_USERS;
const ROLES = Object.keys(ROLE_KEY_USERS) as Role[];

// KeyUsage extnValue bytes, from the samples.
const KU_SINGLE = '030203c8';
const KU_AUTH = '030205a0';
const KU_SIGN = '030206c0';
const KU_CA = '03020106';

const KEY_COMPROMISE = 1;
const SUPERSEDED = 4;
const CERTIFICATE_HOLD = 6;

const pkis: { rsa?: TestPki<'rsa'>; gost512?: TestPki<'gost512'>; gost256?: TestPki<'gost256'> } = {};

beforeAll(async () => {
  [pkis.rsa, pkis.gost512, pkis.gost256] = await Promise.all([
    createTestPki({ algorithm: 'rsa' }),
    createTestPki({ algorithm: 'gost512' }),
    createTestPki({ algorithm: 'gost256' }),
  ]);
});

for (const algorithm of ['rsa', 'gost512', 'gost256'] as const satisfies readonly KeyAlgorithm[]) {
  describe(`test PKI (${algorithm})`, () => {
    let pki: TestPki;
    let named: TestPki['endEntities'];

    beforeAll(() => {
      pki = pkis[algorithm]!;
      named = pki.endEntities;
    });

    it('chains every certificate to the root by signature', () => {
      expect(certificateSignedBy(pki.root.der, pki.root.der)).toBe(true);
      expect(certificateSignedBy(pki.intermediate.der, pki.root.der)).toBe(true);
      expect(certificateSignedBy(pki.ocspResponder.der, pki.intermediate.der)).toBe(true);
      for (const endEntity of Object.values(pki.endEntities)) {
        expect(certificateSignedBy(endEntity.der, pki.intermediate.der)).toBe(true);
        expect(certificateSignedBy(endEntity.der, pki.root.der)).toBe(false);
      }
    });

    it('gives CAs basicConstraints, keyCertSign+cRLSign, SKI, a full AKI and the CA policies', () => {
      for (const ca of [pki.root, pki.intermediate]) {
        expect(extensionHex(ca.der, OID.basicConstraints)).toBe('30030101ff');
        expect(extension(ca.der, OID.basicConstraints)?.critical).toBe(true);
        expect(extensionHex(ca.der, OID.keyUsage)).toBe(KU_CA);
        expect(extensionHex(ca.der, OID.subjectKeyIdentifier)).toBe(`0414${hex(ca.subjectKeyId)}`);
      }
      const aki = extensionHex(pki.intermediate.der, OID.authorityKeyIdentifier)!;
      expect(aki).toContain(`8014${hex(pki.root.subjectKeyId)}`);
      expect(aki).toContain(hex(pki.root.subjectName));
      expect(aki).toContain(`8214${pki.root.serialHex}`);
      expect(policies(pki.root.der)).toEqual(['1.2.398.3.1.2']);
      expect(policies(pki.intermediate.der)).toEqual([algorithm === 'rsa' ? '1.2.398.3.3.1.1' : '1.2.398.3.3.2']);
    });

    it('gives end entities valid IINs/BINs and the NCA subject attributes by OID and string type', () => {
      for (const role of ROLES) {
        const endEntity = pki.endEntities[role];
        const attributes = subjectAttributes(endEntity.der);
        if (role === 'informationSystem') {
          const types = attributes.map(([type]) => type);
          expect(types).toEqual([OID.userId, OID.commonName, OID.country, OID.organization, OID.organizationalUnit]);
        } else {
          const person = endEntity.person!;
          expect(validKzId(person.iin)).toBe(true);
          expect(attributes.slice(0, 4)).toEqual([
            [OID.commonName, 'Utf8String', `${person.surname} ${person.name}`],
            [OID.surname, 'Utf8String', person.surname],
            [OID.serialNumber, 'PrintableString', `IIN${person.iin}`],
            [OID.country, 'PrintableString', 'KZ'],
          ]);
          expect(attributes).toContainEqual([OID.givenName, 'Utf8String', person.patronymic]);
          const email = attributes.find(([type]) => type === OID.emailAddress);
          expect(email).toEqual(algorithm === 'rsa' ? [OID.emailAddress, 'IA5String', person.email] : undefined);
        }
        const bin = attributes.filter(([type]) => type === OID.organizationalUnit);
        if (role === 'individual') {
          expect(bin).toEqual([]);
        } else {
          expect(bin).toEqual([[OID.organizationalUnit, 'Utf8String', `BIN${endEntity.organization!.bin}`]]);
          expect(attributes).toContainEqual([OID.organization, 'Utf8String', endEntity.organization!.name]);
          expect(validKzId(endEntity.organization!.bin)).toBe(true);
        }
      }
    });

    it('puts the key-user OIDs in EKU, with the key usage and policy of the key type', () => {
      const check = (der: Uint8Array, role: Role, purpose: 'auth' | 'sign' | 'single') => {
        const keyUsers = [...ROLE_KEY_USERS[role]];
        const individual = role === 'individual';
        if (purpose === 'single') {
          expect(extendedKeyUsage(der)).toEqual(role === 'informationSystem' ? keyUsers : [OID.emailProtection, ...keyUsers]);
          expect(extensionHex(der, OID.keyUsage)).toBe(KU_SINGLE);
          expect(policies(der)).toEqual(['1.2.398.3.3.2']);
        } else if (purpose === 'auth') {
          expect(extendedKeyUsage(der)).toEqual([OID.clientAuth, ...keyUsers]);
          expect(extensionHex(der, OID.keyUsage)).toBe(KU_AUTH);
          expect(policies(der)).toEqual([individual ? '1.2.398.3.3.2.4' : '1.2.398.3.3.2.2']);
        } else {
          expect(extendedKeyUsage(der)).toEqual([OID.emailProtection, ...keyUsers]);
          expect(extensionHex(der, OID.keyUsage)).toBe(KU_SIGN);
          expect(policies(der)).toEqual([individual ? '1.2.398.3.3.2.3' : '1.2.398.3.3.2.1']);
        }
        expect(extension(der, OID.keyUsage)?.critical).toBe(true);
        expect(extensionHex(der, OID.ncaKeyStore)).toBe('300a06082a830e0303050101');
        expect(extensionHex(der, OID.authorityKeyIdentifier)).toBe(`30168014${hex(pki.intermediate.subjectKeyId)}`);
      };
      for (const role of ROLES) {
        if (algorithm === 'rsa') {
          check(pki.endEntities[role].der, role, 'auth');
          check(pkis.rsa!.endEntities[`${role}Sign`].der, role, 'sign');
        } else {
          check(pki.endEntities[role].der, role, 'single');
        }
      }
    });

    it('points AIA, CRL DP and freshest CRL at the PKI URLs', () => {
      const { der } = named.individual;
      const x509 = new X509Certificate(der);
      expect(x509.infoAccess).toContain(`OCSP - URI:${pki.urls.ocsp}`);
      expect(x509.infoAccess).toContain(`CA Issuers - URI:${pki.urls.caIssuers}`);
      const text = (id: string) => Buffer.from(extensionHex(der, id)!, 'hex').toString('latin1');
      expect(text(OID.crlDistributionPoints)).toContain(pki.urls.crl);
      expect(text(OID.freshestCrl)).toContain(pki.urls.deltaCrl);
    });

    it('dates the expired and not-yet-valid certificates around now', () => {
      const now = pki.now.getTime();
      expect(named.expired.notAfter.getTime()).toBeLessThan(now);
      expect(named.notYetValid.notBefore.getTime()).toBeGreaterThan(now);
      expect(named.individual.notBefore.getTime()).toBeLessThan(now);
      expect(named.individual.notAfter.getTime()).toBeGreaterThan(now);
    });

    it('issues an OCSP responder certificate with OCSPSigning and ocsp-nocheck', () => {
      expect(extendedKeyUsage(pki.ocspResponder.der)).toEqual([OID.ocspSigning]);
      expect(extensionHex(pki.ocspResponder.der, OID.ocspNoCheck)).toBe('0500');
      expect(extensionHex(pki.ocspResponder.der, OID.keyUsage)).toBe('03020780');
    });

    it('lists the CRL-revoked serials with their reasons in a signed full CRL, and makes delta and root CRLs', () => {
      const full = pkijs.CertificateRevocationList.fromBER(pki.crl());
      expect(signedBy(pki.intermediate.der, full.tbsView, contents(full.signatureValue))).toBe(true);
      const listed = new Map(
        (full.revokedCertificates ?? []).map((entry) => {
          const reason = entry.crlEntryExtensions?.extensions[0]?.parsedValue as asn1js.Enumerated;
          return [hex(contents(entry.userCertificate)), reason.valueBlock.valueDec];
        }),
      );
      expect(listed.get(named.revokedOnHold.serialHex)).toBe(CERTIFICATE_HOLD);
      expect(listed.get(named.revokedKeyCompromise.serialHex)).toBe(KEY_COMPROMISE);
      expect(listed.has(named.revokedOcspOnly.serialHex)).toBe(false);
      expect(listed.has(named.individual.serialHex)).toBe(false);
      const extensions = full.crlExtensions?.extensions.map((crlExtension) => crlExtension.extnID);
      expect(extensions).toEqual(expect.arrayContaining([OID.crlNumber, OID.authorityKeyIdentifier]));

      const entry = { ...pki.revocationOf(named.revokedOcspOnly.serialHex)! };
      const delta = pkijs.CertificateRevocationList.fromBER(pki.crl({ delta: true, entries: [entry] }));
      expect(signedBy(pki.intermediate.der, delta.tbsView, contents(delta.signatureValue))).toBe(true);
      const indicator = delta.crlExtensions?.extensions.find((crlExtension) => crlExtension.extnID === OID.deltaCrlIndicator);
      expect(indicator?.critical).toBe(true);
      const deltaSerials = delta.revokedCertificates?.map((revoked) => hex(contents(revoked.userCertificate)));
      expect(deltaSerials).toEqual([named.revokedOcspOnly.serialHex]);

      const rootCrl = pkijs.CertificateRevocationList.fromBER(pki.crl({ issuer: 'root' }));
      expect(signedBy(pki.root.der, rootCrl.tbsView, contents(rootCrl.signatureValue))).toBe(true);
      expect(rootCrl.revokedCertificates).toBeUndefined();
    });

    it('signs CMS as Kalkan does, attached and detached, by issuer and serial or by key id', () => {
      const challenge = new TextEncoder().encode('kilt challenge 42');
      for (const options of [{}, { detached: true }, { signerIdentifier: 'subjectKeyIdentifier' as const }]) {
        const cms = signCms(challenge, named.individual, options);
        const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
        const byKeyId = options.signerIdentifier !== undefined;
        expect(signedData.version).toBe(byKeyId ? 3 : 1);
        expect(signedData.certificates).toHaveLength(1);
        const eContent = signedData.encapContentInfo.eContent;
        expect(eContent && contents(eContent)).toEqual(options.detached ? undefined : challenge);
        const signerInfo = signedData.signerInfos[0]!;
        expect(signerInfo.version).toBe(byKeyId ? 3 : 1);
        const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber | asn1js.Primitive;
        if (sid instanceof pkijs.IssuerAndSerialNumber) expect(hex(contents(sid.serialNumber))).toBe(named.individual.serialHex);
        else expect(hex(contents(sid))).toBe(hex(named.individual.subjectKeyId));
        const attributes = signerInfo.signedAttrs!.attributes.map((attribute) => attribute.type);
        expect(attributes).toEqual([OID.contentType, OID.signingTime, OID.messageDigest]);
        const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
        signedAttributes[0] = 0x31;
        expect(signedBy(named.individual.der, signedAttributes, contents(signerInfo.signature))).toBe(true);
      }
      const armoured = /^-----BEGIN CMS-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CMS-----\n$/;
      expect(cmsToPem(signCms(challenge, named.individual))).toMatch(armoured);
      expect(cmsToBase64(signCms(challenge, named.individual))).toMatch(/^[A-Za-z0-9+/]+=*$/);
    });

    it('runs an OCSP responder on 127.0.0.1 that answers from the PKI state and echoes the nonce', async () => {
      const responder = await startOcspResponder(pki);
      try {
        const nonce = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
        const ask = async (name: CommonEndEntityName) => {
          const request = buildOcspRequest(pki.endEntities[name].der, pki.intermediate.der, { nonce });
          const { status, body } = await postOcspRequest(responder.url, request);
          expect(status).toBe(200);
          const basic = basicResponse(body);
          expect(hex(encoded(basic.certs![0]!))).toBe(hex(pki.ocspResponder.der));
          expect(signedBy(pki.ocspResponder.der, basic.tbsResponseData.tbsView, contents(basic.signature))).toBe(true);
          expect(nonceOf(basic.tbsResponseData.responseExtensions)).toBe(`0408${hex(nonce)}`);
          return certStatus(body);
        };
        expect(await ask('individual')).toEqual({ status: 'good' });
        expect(await ask('revokedOnHold')).toMatchObject({ status: 'revoked', reason: CERTIFICATE_HOLD });
        expect(await ask('revokedOcspOnly')).toMatchObject({ status: 'revoked', reason: KEY_COMPROMISE });
        const request = Buffer.from(buildOcspRequest(named.individual.der, pki.intermediate.der)).toString('base64');
        const viaGet = await fetch(`${responder.url}${encodeURIComponent(request)}`);
        expect([viaGet.status, viaGet.headers.get('content-type')]).toEqual([200, 'application/ocsp-response']);
        expect(responder.requestCount).toBe(4);
      } finally {
        await responder.close();
      }
    });

    it('answers unknown for another issuer, and for unissued serials unknown or, like NCA, revoked in 1970', () => {
      expect(certStatus(buildOcspResponse(pki, buildOcspRequest(pki.intermediate.der, pki.root.der)))).toEqual({ status: 'unknown' });
      const stranger = buildOcspRequest(pki.root.der, pki.intermediate.der);
      expect(certStatus(buildOcspResponse(pki, stranger))).toEqual({ status: 'unknown' });
      const nextUpdate = new Date(pki.now.getTime() + 3_600_000);
      const revoked = buildOcspResponse(pki, stranger, { notIssued: 'revoked', nextUpdate });
      expect(certStatus(revoked)).toEqual({ status: 'revoked', reason: CERTIFICATE_HOLD, revokedAt: new Date(0) });
      expect(basicResponse(revoked).tbsResponseData.responses[0]!.nextUpdate).toEqual(nextUpdate);
    });

    it('fails on demand: HTTP 500, closed connection, tryLater, wrong nonce, non-responder signer', async () => {
      const responder = await startOcspResponder(pki);
      const request = buildOcspRequest(named.individual.der, pki.intermediate.der);
      const ask = async () => (await postOcspRequest(responder.url, request)).body;
      try {
        responder.failure = 'http500';
        expect((await postOcspRequest(responder.url, request)).status).toBe(500);
        responder.failure = 'connectionClosed';
        await expect(postOcspRequest(responder.url, request)).rejects.toThrow();
        responder.failure = 'tryLater';
        const tryLater = pkijs.OCSPResponse.fromBER(await ask());
        expect(tryLater.responseStatus.valueBlock.valueDec).toBe(3);
        expect(tryLater.responseBytes).toBeUndefined();
        responder.failure = 'wrongNonce';
        const asked = nonceOf(pkijs.OCSPRequest.fromBER(request).tbsRequest.requestExtensions);
        const echoed = nonceOf(basicResponse(await ask()).tbsResponseData.responseExtensions);
        expect(echoed).toHaveLength(asked!.length);
        expect(echoed).not.toBe(asked);
        responder.failure = 'notAResponder';
        const impostor = basicResponse(await ask());
        expect(hex(encoded(impostor.certs![0]!))).toBe(hex(named.individual.der));
        expect(signedBy(named.individual.der, impostor.tbsResponseData.tbsView, contents(impostor.signature))).toBe(true);
        expect(responder.requestCount).toBe(5);
      } finally {
        await responder.close();
      }
    });

    // Last: it changes the shared PKI.
    it('follows certificates issued and revoked at run time', async () => {
      const newcomer = await pki.issue({ role: 'employee' });
      expect(certificateSignedBy(newcomer.der, pki.intermediate.der)).toBe(true);
      expect(pki.isIssued(newcomer.serialHex)).toBe(true);
      pki.revoke(newcomer, { reason: 'superseded' });
      expect(pki.revocationOf(newcomer.serialHex)).toMatchObject({ reason: 'superseded', listedOnCrl: true });
      const listed = pkijs.CertificateRevocationList.fromBER(pki.crl()).revokedCertificates ?? [];
      expect(listed.map((entry) => hex(contents(entry.userCertificate)))).toContain(newcomer.serialHex);
      const response = buildOcspResponse(pki, buildOcspRequest(newcomer.der, pki.intermediate.der));
      expect(certStatus(response)).toMatchObject({ status: 'revoked', reason: SUPERSEDED });
    });
  });
}

// No NCA sample of a 256-bit key exists, so GOST-512's (itself checked against the samples) is the reference.
describe('test PKI (gost256) as GOST-512 with the 256-bit OIDs and sizes', () => {
  const AS_512: Readonly<Record<string, string>> = {
    [OID.gost256PublicKey]: OID.gost512PublicKey,
    [OID.gost256ParamSetA]: OID.gost512ParamSetA,
    [OID.gost256Signature]: OID.gost512Signature,
    [OID.streebog256]: OID.streebog512,
  };
  const shapeAs512 = (der: Uint8Array) =>
    asn1Shape(der).map((line) => line.replace(/(?<=OBJECT IDENTIFIER )\S+$/, (id) => AS_512[id] ?? id));
  const objects = (pki: TestPki) => [
    pki.root.der,
    pki.intermediate.der,
    pki.ocspResponder.der,
    pki.endEntities.individual.der,
    pki.endEntities.informationSystem.der,
    pki.crl({ entries: [{ ...pki.revocationOf(pki.endEntities.revokedOnHold.serialHex)! }] }),
    signCms('test123', pki.endEntities.individual),
    buildOcspResponse(pki, buildOcspRequest(pki.endEntities.revokedOnHold.der, pki.intermediate.der)),
  ];

  it('has the structure of the GOST-512 certificates, CRL, CMS and OCSP response', () => {
    expect(objects(pkis.gost256!).map(shapeAs512)).toEqual(objects(pkis.gost512!).map((der) => asn1Shape(der)));
  });

  it('has 64-byte keys (x‖y) and signatures (r‖s) and a 32-byte messageDigest', () => {
    const individual = pkis.gost256!.endEntities.individual;
    const parsed = certificate(individual.der);
    const point = asn1js.fromBER(contents(parsed.subjectPublicKeyInfo.subjectPublicKey)).result as asn1js.OctetString;
    expect(contents(point)).toHaveLength(64);
    expect(contents(parsed.signatureValue)).toHaveLength(64);
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(signCms('test123', individual)).content });
    const signerInfo = signedData.signerInfos[0]!;
    expect(contents(signerInfo.signature)).toHaveLength(64);
    const messageDigest = signerInfo.signedAttrs!.attributes.find((attribute) => attribute.type === OID.messageDigest)!;
    expect(contents(messageDigest.values[0] as asn1js.OctetString)).toEqual(streebog256(new TextEncoder().encode('test123')));
  });
});

describe('test PKI (rsa) through independent RSA tooling', () => {
  let pki: TestPki<'rsa'>;
  beforeAll(() => {
    pki = pkis.rsa!;
  });

  it.skipIf(!opensslAvailable)('passes openssl verify, which rejects the expired, not-yet-valid and CRL-revoked ones', () => {
    const run = (name: keyof typeof pki.endEntities, crl = false) => {
      const files = { 'root.pem': pki.root.pem, 'ca.pem': pki.intermediate.pem, 'ee.pem': pki.endEntities[name].pem, 'ca.crl': pki.crl() };
      const args = ['verify', '-CAfile', 'root.pem', '-untrusted', 'ca.pem'];
      return openssl(crl ? [...args, '-crl_check', '-CRLfile', 'ca.crl', 'ee.pem'] : [...args, 'ee.pem'], files);
    };
    expect(run('individual', true)).toMatchObject({ ok: true });
    expect(run('firstHeadSign', true)).toMatchObject({ ok: true });
    expect(run('revokedOcspOnly', true)).toMatchObject({ ok: true });
    expect(run('expired').output).toContain('certificate has expired');
    expect(run('notYetValid').output).toContain('certificate is not yet valid');
    expect(run('revokedOnHold', true).output).toContain('certificate revoked');
    expect(run('revokedKeyCompromise', true).output).toContain('certificate revoked');
  });

  // pkijs finds a SignerInfo v3 signer by SHA-1 of the key bits, not by the SKI extension, so it cannot match NCA's
  // key ids (SHA-1 of the whole SPKI for RSA, random for GOST): the key-id form is checked by hand above.
  it('makes CMS that pkijs SignedData.verify accepts with the chain, and rejects when tampered', async () => {
    const trustedCerts = [certificate(pki.intermediate.der), certificate(pki.root.der)];
    const content = new TextEncoder().encode('challenge');
    const verified = async (cms: Uint8Array, data?: Uint8Array) => {
      const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
      const parameters = { signer: 0, checkChain: true, trustedCerts, extendedMode: true as const, ...(data && { data: data.slice().buffer }) };
      return signedData.verify(parameters).then(
        (result) => result.signatureVerified === true && result.signerCertificateVerified === true,
        () => false,
      );
    };
    expect(await verified(signCms(content, pki.endEntities.individual))).toBe(true);
    expect(await verified(signCms(content, pki.endEntities.individual, { detached: true }), content)).toBe(true);
    for (const tamper of ['content', 'signature', 'messageDigest'] as const) {
      expect(await verified(signCms(content, pki.endEntities.individual, { tamper }))).toBe(false);
    }
  });

  it('makes OCSP responses that pkijs accepts only from the CA or its delegated responder', async () => {
    const trust = { trustedCerts: [certificate(pki.root.der)], issuerCerts: [certificate(pki.intermediate.der)] };
    const request = buildOcspRequest(pki.endEntities.individual.der, pki.intermediate.der);
    const verified = (options: Parameters<typeof buildOcspResponse>[2]) =>
      basicResponse(buildOcspResponse(pki, request, options))
        .verify(trust)
        .catch(() => false);
    expect(await verified({})).toBe(true);
    expect(await verified({ signedBy: 'issuer' })).toBe(true);
    expect(await verified({ signedBy: 'notAResponder' })).toBe(false);
  });
});

describe('forged look-alike of the NCA TEST 2022 CAs, at a fixed date', () => {
  const now = new Date('2027-03-01T10:00:00Z');
  let forged: TestPki<'gost512'>;
  beforeAll(async () => {
    forged = await createTestPki({ algorithm: 'gost512', names: 'nca-test-2022', now });
  });

  it('copies the names, serials and key ids of the real CAs but not their keys', () => {
    expect(new X509Certificate(forged.intermediate.der).subject).toContain('ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022');
    expect(forged.intermediate.serialHex).toBe('7ad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3');
    expect(hex(forged.intermediate.subjectKeyId)).toBe('fad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3');
    expect(forged.root.serialHex).toBe('27d3ab7790372e5b698170dde60ccca38bc3a4b2');
    expect(certificateSignedBy(forged.endEntities.individual.der, forged.intermediate.der)).toBe(true);
  });

  it('dates everything from the given now and answers OCSP at that time', () => {
    expect(forged.clock()).toEqual(now);
    expect(forged.endEntities.individual.notBefore.getTime()).toBeLessThan(now.getTime());
    const response = basicResponse(buildOcspResponse(forged, buildOcspRequest(forged.endEntities.individual.der, forged.intermediate.der)));
    expect(response.tbsResponseData.producedAt).toEqual(now);
  });

  it.skipIf(!samplesPresent)('has byte-identical subject and issuer names and fails against the real keys', () => {
    const realRoot = sample('ncanode-go-kz/root_test_gost_2022.cer');
    const realIntermediate = sample('ncanode-go-kz/nca_gost2022_test.cer');
    const names = (der: Uint8Array) => {
      const parsed = certificate(der);
      return [hex(new Uint8Array(parsed.subject.valueBeforeDecode)), hex(new Uint8Array(parsed.issuer.valueBeforeDecode))];
    };
    expect(names(forged.root.der)).toEqual(names(realRoot));
    expect(names(forged.intermediate.der)).toEqual(names(realIntermediate));
    expect(asn1Shape(forged.root.der)).toEqual(asn1Shape(realRoot));
    expect(asn1Shape(forged.intermediate.der)).toEqual(asn1Shape(realIntermediate));
    expect(certificateSignedBy(forged.endEntities.individual.der, realIntermediate)).toBe(false);
    expect(certificateSignedBy(forged.intermediate.der, realRoot)).toBe(false);
  });
});

describe.skipIf(!samplesPresent)('generated objects have the structure of the NCA samples', () => {
  /** SignedData's version, first digest algorithm, encapContentInfo and the given SignerInfo. */
  const cmsParts = (der: Uint8Array, signerIndex: number) => {
    const contentInfo = asn1js.fromBER(der).result as asn1js.Sequence;
    const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const [version, digestAlgorithms, encapsulated] = signedData.valueBlock.value;
    const signerInfos = signedData.valueBlock.value.at(-1) as asn1js.Set;
    const firstDigest = (digestAlgorithms as asn1js.Set).valueBlock.value[0]!;
    return [version!, firstDigest, encapsulated!, signerInfos.valueBlock.value[signerIndex]!].map((node) => asn1Shape(node));
  };
  /** The sample CRL's shape with only its first entry, to compare with a one-entry CRL. */
  const oneEntryCrlShape = (path: string) => {
    const real = asn1js.fromBER(sample(path)).result as asn1js.Sequence;
    const entries = (real.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[5] as asn1js.Sequence;
    entries.valueBlock.value = entries.valueBlock.value.slice(0, 1);
    return asn1Shape(real);
  };
  const oneEntryCrl = (pki: TestPki) => pki.crl({ entries: [{ ...pki.revocationOf(pki.endEntities.revokedOnHold.serialHex)! }] });

  it('GOST end-entity certificate as ncanode-go-kz/individual_valid', () => {
    const real = sample('ncanode-go-kz/individual_valid_individual_valid.certs.pem');
    expect(asn1Shape(pkis.gost512!.endEntities.individual.der)).toEqual(asn1Shape(real));
  });

  it('RSA AUTH certificate as ncanode-go/personal_active_AUTH_RSA256, plus e-mail and the key-store extension', () => {
    const real = sample('ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.certs.pem');
    const ours = pkis.rsa!.endEntities.individual.der;
    const subjectTypes = (der: Uint8Array) => subjectAttributes(der).map(([type]) => type);
    expect(subjectTypes(ours)).toEqual([...subjectTypes(real), OID.emailAddress]);
    const extensionIds = (der: Uint8Array) => certificate(der).extensions!.map((found) => found.extnID);
    expect(extensionIds(ours)).toEqual([...extensionIds(real), OID.ncaKeyStore]);
  });

  it('GOST OCSP response and responder certificate as ncanode/res_ocsp_ocsp_response_individual_2015', () => {
    const pki = pkis.gost512!;
    const request = buildOcspRequest(pki.endEntities.revokedOnHold.der, pki.intermediate.der);
    expect(asn1Shape(buildOcspResponse(pki, request))).toEqual(asn1Shape(sample('ncanode/res_ocsp_ocsp_response_individual_2015.bin')));
  });

  it('CRLs as ncanode-go-kz/nca_gost2022_test.crl (GOST) and ncanode/res_crl_nca_rsa_test.crl (RSA)', () => {
    expect(asn1Shape(oneEntryCrl(pkis.gost512!))).toEqual(oneEntryCrlShape('ncanode-go-kz/nca_gost2022_test.crl'));
    expect(asn1Shape(oneEntryCrl(pkis.rsa!))).toEqual(oneEntryCrlShape('ncanode/res_crl_nca_rsa_test.crl'));
  });

  it('CMS as the GOST and RSA signers of ncanode/CmsServiceTest_SIGNED_CMS (attached, "test123")', () => {
    const real = sample('ncanode/CmsServiceTest_SIGNED_CMS.cms.der');
    expect(cmsParts(signCms('test123', pkis.gost512!.endEntities.individual), 0)).toEqual(cmsParts(real, 0));
    const [, , , rsaSigner] = cmsParts(signCms('test123', pkis.rsa!.endEntities.individual), 0);
    expect(rsaSigner).toEqual(cmsParts(real, 1)[3]);
  });
});

describe.skipIf(!samplesPresent)('real NCA TEST keys from PKCS#12', () => {
  it('signs CMS with the GOST key of ncanode-go-kz/individual_valid', async () => {
    const store = await loadSampleKeyStore(samplePath('ncanode-go-kz/individual_valid_individual_valid.p12'), 'Qwerty12');
    const expected = sample('ncanode-go-kz/individual_valid_individual_valid.certs.pem');
    expect(hex(store.der)).toBe(hex(expected));
    expect(store.serialHex).toBe('6c425659bd2fc6dc587b871aede1857727cf8451');
    expect(certificateSignedBy(store.der, sample('ncanode-go-kz/nca_gost2022_test.cer'))).toBe(true);
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(signCms('challenge', store)).content });
    expect(signedData.certificates?.map((attached) => hex(encoded(attached as pkijs.Certificate)))).toEqual([hex(expected)]);
    const signerInfo = signedData.signerInfos[0]!;
    const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
    signedAttributes[0] = 0x31;
    expect(signedBy(expected, signedAttributes, contents(signerInfo.signature))).toBe(true);
  });

  it('signs CMS with the RSA key of ncanode-go/personal_active_AUTH_RSA256', async () => {
    const name = 'ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d';
    const store = await loadSampleKeyStore(samplePath(`${name}.p12`), 'Qwerty12');
    expect(hex(store.der)).toBe(hex(sample(`${name}.certs.pem`)));
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(signCms('challenge', store)).content });
    const result = await signedData.verify({ signer: 0, extendedMode: true });
    expect(result.signatureVerified).toBe(true);
  });
});
