import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRevocationPorts } from '../../../src/adapters/http/revocation-http.ts';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { encodeOid } from '../../../src/pki/der-write.ts';
import { OID } from '../../../src/pki/oids.ts';
import type { RevocationMode } from '../../../src/pki/revocation/checker.ts';
import {
  type KeyAlgorithm, type OcspResponder, type TestPki, cmsToBase64, cmsToPem, createTestPki, signCms, startOcspResponder,
} from '../../support/pki/index.ts';
import { pkiFailure } from '../../support/pki-failure.ts';

const DAY = 86_400_000;

/** Replaces the last occurrence of an OID's encoding: in a Kalkan-shaped CMS that is the SignerInfo's. */
function replaceLastOid(der: Uint8Array, from: string, to: string): Uint8Array {
  const needle = Buffer.from(encodeOid(from));
  const replacement = Buffer.from(encodeOid(to));
  const at = Buffer.from(der).lastIndexOf(needle);
  if (at < 0 || needle.length !== replacement.length) throw new Error(`cannot replace ${from}`);
  const out = Uint8Array.from(der);
  out.set(replacement, at);
  return out;
}

const ALGORITHM_NAMES: Readonly<Record<KeyAlgorithm, string>> = {
  rsa: 'RSA',
  gost512: 'GOST34.10-2015-512',
  gost256: 'GOST34.10-2015-256',
};

/** The signature OID of each algorithm and an unassigned sibling with an encoding of the same length. */
const UNKNOWN_SIGNATURE_SWAPS: Readonly<Record<KeyAlgorithm, readonly [string, string]>> = {
  rsa: [OID.sha256WithRsa, '1.2.840.113549.1.1.10'],
  gost512: [OID.gost2015Sig512, '1.2.398.3.10.1.1.2.3.3'],
  gost256: [OID.gost2015Sig256, '1.2.398.3.10.1.1.2.3.3'],
};

describe.each<KeyAlgorithm>(['rsa', 'gost512', 'gost256'])('verifying %s signatures of the test PKI', (algorithm) => {
  let pki: TestPki;
  let responder: OcspResponder;
  const challenge = new Uint8Array(randomBytes(32));

  beforeAll(async () => {
    pki = await createTestPki({ algorithm });
    responder = await startOcspResponder(pki);
  });
  afterAll(() => responder.close());

  function verifier(revocation: RevocationMode = 'ocsp', options: { crls?: Uint8Array[]; at?: Date } = {}) {
    return createPkiVerifier({
      trusted: [pki.root.der, pki.intermediate.der],
      crls: options.crls ?? [pki.crl()],
      revocation,
      ports: httpRevocationPorts({ timeoutMs: 2_000 }),
      ocspUrl: responder.url,
      ...(options.at ? { clock: () => options.at! } : {}),
    }).verifier;
  }

  const user = (name: string) => (pki.endEntities as Record<string, (typeof pki.endEntities)[keyof typeof pki.endEntities]>)[name]!;
  const loginCms = (name = 'individual', options: Parameters<typeof signCms>[2] = {}) => signCms(challenge, user(name), options);

  it('accepts a sign-in signature over the challenge, with the person read from the certificate', async () => {
    const { content, signers } = await verifier().verifyCms(loginCms(), { expectedContent: challenge, purpose: 'auth', singleSigner: true });
    const person = user('individual').person!;
    expect(content).toEqual(challenge);
    expect(signers[0]).toMatchObject({
      iin: person.iin, surname: person.surname, givenName: person.name, patronymic: person.patronymic,
      commonName: `${person.surname} ${person.name}`, subjectType: 'individual', roles: [], bin: undefined,
      serialNumber: user('individual').serialHex, algorithm: ALGORITHM_NAMES[algorithm],
      revocation: { status: 'good', source: 'ocsp' },
    });
    expect(Math.abs(Date.parse(signers[0]!.signingTime!) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['firstHead', ['first_head']],
    ['signingRight', ['signing_right']],
    ['financialSigningRight', ['financial_signing_right']],
    ['hr', ['hr']],
    ['employee', ['employee']],
  ])('reads the company and the role of %s', async (name, roles) => {
    const { signers } = await verifier().verifyCms(loginCms(name), { expectedContent: challenge, purpose: 'auth' });
    expect(signers[0]).toMatchObject({ subjectType: 'legal_entity', roles, bin: user(name).organization!.bin, organization: user(name).organization!.name });
  });

  it('accepts detached signatures, PEM armour, bare base64 and a subjectKeyIdentifier signer', async () => {
    const v = verifier('off');
    await expect(v.verifyCms(loginCms('individual', { detached: true }), { data: challenge, expectedContent: challenge })).resolves.toBeDefined();
    await expect(v.verifyCms(cmsToPem(loginCms()), { expectedContent: challenge })).resolves.toBeDefined();
    await expect(v.verifyCms(cmsToBase64(loginCms()), { expectedContent: challenge })).resolves.toBeDefined();
    await expect(v.verifyCms(loginCms('individual', { signerIdentifier: 'subjectKeyIdentifier' }), { expectedContent: challenge })).resolves.toBeDefined();
  });

  it('refuses another challenge, a detached signature without data, and a CMS without the signer certificate', async () => {
    const v = verifier('off');
    expect(await pkiFailure(v.verifyCms(loginCms(), { expectedContent: new Uint8Array(randomBytes(32)) }))).toBe('pki.content_mismatch');
    expect(await pkiFailure(v.verifyCms(loginCms('individual', { detached: true })))).toBe('pki.content_missing');
    expect(await pkiFailure(v.verifyCms(loginCms('individual', { includeCertificate: false })))).toBe('pki.signer_not_found');
  });

  it.each([
    ['content', 'pki.digest_mismatch'],
    ['messageDigest', 'pki.digest_mismatch'],
    ['signature', 'pki.signature_invalid'],
  ] as const)('refuses a CMS whose %s was altered after signing', async (tamper, code) => {
    expect(await pkiFailure(verifier('off').verifyCms(loginCms('individual', { tamper })))).toBe(code);
  });

  it('refuses a change of any single byte of the CMS', async () => {
    const cms = loginCms();
    const v = verifier('off');
    const accepted: number[] = [];
    for (let i = 0; i < cms.length; i++) {
      const changed = Uint8Array.from(cms);
      changed[i]! ^= 0x01;
      try {
        await v.verifyCms(changed, { expectedContent: challenge });
        accepted.push(i);
      } catch (error) {
        expect((error as { code?: string }).code).toMatch(/^pki\./);
      }
    }
    expect(accepted).toEqual([]);
  }, 120_000);

  it('refuses expired and not-yet-valid certificates with their own codes', async () => {
    expect(await pkiFailure(verifier('off').verifyCms(loginCms('expired')))).toBe('pki.cert_expired');
    expect(await pkiFailure(verifier('off').verifyCms(loginCms('notYetValid')))).toBe('pki.cert_not_yet_valid');
  });

  it('judges validity at the instant asked for', async () => {
    const expiredCert = user('expired');
    const at = new Date(expiredCert.notAfter.getTime() - DAY);
    const cms = signCms(challenge, expiredCert, { signingTime: at });
    const { signers } = await verifier('off', { at }).verifyCms(cms);
    expect(signers[0]!.serialNumber).toBe(expiredCert.serialHex);
  });

  it('finds revoked certificates through OCSP over HTTP, the on-hold one included', async () => {
    expect(await pkiFailure(verifier('ocsp').verifyCms(loginCms('revokedOnHold')))).toBe('pki.cert_revoked');
    expect(await pkiFailure(verifier('ocsp').verifyCms(loginCms('revokedKeyCompromise')))).toBe('pki.cert_revoked');
    expect(await pkiFailure(verifier('ocsp').verifyCms(loginCms('revokedOcspOnly')))).toBe('pki.cert_revoked');
  });

  it('finds revoked certificates on the CRL; one revoked after the CRL only OCSP knows', async () => {
    expect(await pkiFailure(verifier('crl').verifyCms(loginCms('revokedOnHold')))).toBe('pki.cert_revoked');
    expect(await pkiFailure(verifier('crl').verifyCms(loginCms('revokedKeyCompromise')))).toBe('pki.cert_revoked');
    const { signers } = await verifier('crl').verifyCms(loginCms('revokedOcspOnly'));
    expect(signers[0]!.revocation).toMatchObject({ status: 'good', source: 'crl' });
  });

  it('applies a delta CRL: a later revocation counts', async () => {
    const fresh = await pki.issue({ role: 'individual' });
    pki.revoke(fresh, { reason: 'keyCompromise', listedOnCrl: false });
    const delta = pki.crl({ delta: true, entries: [{ serialHex: fresh.serialHex, revokedAt: new Date(Date.now() - 60_000), reason: 'keyCompromise' }] });
    expect(await pkiFailure(verifier('crl', { crls: [pki.crl(), delta] }).verifyCms(signCms(challenge, fresh)))).toBe('pki.cert_revoked');
    await expect(verifier('crl').verifyCms(signCms(challenge, fresh))).resolves.toBeDefined();
  });

  it('fails closed: no current CRL, no responder', async () => {
    const stale = pki.crl({ thisUpdate: new Date(Date.now() - 200 * DAY), nextUpdate: new Date(Date.now() - DAY) });
    expect(await pkiFailure(verifier('crl', { crls: [stale] }).verifyCms(loginCms()))).toBe('pki.revocation_unavailable');
    expect(await pkiFailure(verifier('crl', { crls: [] }).verifyCms(loginCms()))).toBe('pki.revocation_unavailable');
  });

  it('downloads the CRL a certificate names when none is current, and keeps it until its nextUpdate', async () => {
    const fetched: string[] = [];
    const { verifier: v } = createPkiVerifier({
      trusted: [pki.root.der, pki.intermediate.der],
      revocation: 'crl',
      ports: {
        fetchCrl: async (url) => {
          fetched.push(url);
          if (url === pki.urls.crl) return pki.crl();
          throw new Error('HTTP 404');
        },
      },
    });
    await v.verifyCms(loginCms());
    expect(await pkiFailure(v.verifyCms(loginCms('revokedOnHold')))).toBe('pki.cert_revoked');
    expect(fetched).toEqual([pki.urls.crl, pki.urls.deltaCrl]);
  });

  it('says why a CRL download failed', async () => {
    const { verifier: v } = createPkiVerifier({
      trusted: [pki.root.der, pki.intermediate.der],
      revocation: 'crl',
      ports: { fetchCrl: async () => Promise.reject(new Error('connect ETIMEDOUT')) },
    });
    await expect(v.verifyCms(loginCms())).rejects.toMatchObject({ code: 'pki.revocation_unavailable', detail: expect.stringContaining('ETIMEDOUT') });
  });

  describe('when the OCSP responder misbehaves', () => {
    afterAll(() => {
      responder.failure = 'none';
    });

    it.each(['http500', 'connectionClosed', 'wrongNonce', 'notAResponder', 'tryLater'] as const)('%s → unavailable, or the CRL in ocsp,crl mode', async (failure) => {
      responder.failure = failure;
      const cms = loginCms('signingRight');
      expect(await pkiFailure(verifier('ocsp').verifyCms(cms))).toBe('pki.revocation_unavailable');
      const { signers } = await verifier('ocsp,crl').verifyCms(cms);
      expect(signers[0]!.revocation).toMatchObject({ status: 'good', source: 'crl' });
      expect(await pkiFailure(verifier('ocsp,crl').verifyCms(loginCms('revokedOnHold')))).toBe('pki.cert_revoked');
    });
  });

  it('asks the responder once per certificate while the answer is fresh', async () => {
    const v = verifier('ocsp');
    const cms = loginCms('employee');
    await v.verifyCms(cms);
    const asked = responder.requestCount;
    await v.verifyCms(loginCms('employee'));
    expect(responder.requestCount).toBe(asked);
  });

  it('enforces the key purpose', async () => {
    if (algorithm === 'rsa') {
      expect(await pkiFailure(verifier('off').verifyCms(loginCms('individualSign'), { purpose: 'auth' }))).toBe('pki.key_purpose');
      expect(await pkiFailure(verifier('off').verifyCms(loginCms('individual'), { purpose: 'sign' }))).toBe('pki.key_purpose');
      await expect(verifier('off').verifyCms(loginCms('individualSign'), { purpose: 'sign' })).resolves.toBeDefined();
    } else {
      await expect(verifier('off').verifyCms(loginCms('individual'), { purpose: 'sign' })).resolves.toBeDefined();
    }
    expect(await pkiFailure(verifier('off').verifyCms(loginCms('informationSystem'), { purpose: 'auth' }))).toBe('pki.not_a_person');
    expect(await pkiFailure(verifier('off').verifyCms(signCms(challenge, pki.intermediate), { purpose: 'auth' }))).toBe('pki.key_purpose');
  });

  it("takes any key of a person for registration (purpose 'person'), never an information system's or a CA's", async () => {
    const person = verifier('off');
    const names = algorithm === 'rsa' ? ['individual', 'individualSign', 'firstHead', 'firstHeadSign', 'employeeSign'] : ['individual', 'firstHead', 'employee'];
    for (const name of names) {
      const { signers } = await person.verifyCms(loginCms(name), { expectedContent: challenge, purpose: 'person', singleSigner: true });
      expect(signers[0]!.iin, name).toBe(user(name).person!.iin);
    }
    const systems = algorithm === 'rsa' ? ['informationSystem', 'informationSystemSign'] : ['informationSystem'];
    for (const name of systems) expect(await pkiFailure(person.verifyCms(loginCms(name), { purpose: 'person' })), name).toBe('pki.not_a_person');
    expect(await pkiFailure(person.verifyCms(signCms(challenge, pki.intermediate), { purpose: 'person' }))).toBe('pki.key_purpose');
    expect(await pkiFailure(person.verifyCms(signCms(challenge, pki.root), { purpose: 'person' }))).toBe('pki.key_purpose');
  });

  it('refuses unknown and weak algorithms with their own codes', async () => {
    const cms = loginCms();
    const [sigOid, unknownOid] = UNKNOWN_SIGNATURE_SWAPS[algorithm];
    expect(await pkiFailure(verifier('off').verifyCms(replaceLastOid(cms, sigOid, unknownOid)))).toBe('pki.unsupported_algorithm');
    if (algorithm === 'rsa') {
      expect(await pkiFailure(verifier('off').verifyCms(replaceLastOid(cms, OID.sha256WithRsa, OID.sha1WithRsa)))).toBe('pki.weak_algorithm');
    }
  });

  it('trusts keys, not names: a look-alike CA with the very same names is refused', async () => {
    const twin = await createTestPki({ algorithm, names: pki.names });
    const cms = signCms(challenge, twin.endEntities.individual);
    expect(await pkiFailure(verifier('off').verifyCms(cms))).toBe('pki.chain_untrusted');
    const trustingTwin = createPkiVerifier({ trusted: [twin.root.der, twin.intermediate.der], revocation: 'off' }).verifier;
    await expect(trustingTwin.verifyCms(cms)).resolves.toBeDefined();
  });

  it('refuses a CRL signed by a look-alike CA', async () => {
    const twin = await createTestPki({ algorithm, names: pki.names });
    expect(() => verifier('crl', { crls: [twin.crl()] })).toThrow(/not signed by a CA of the trust store/);
  });
});
