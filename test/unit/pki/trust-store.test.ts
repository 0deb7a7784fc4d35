import { beforeAll, describe, expect, it } from 'vitest';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { buildTrustStore } from '../../../src/pki/trust-store.ts';
import { type TestPki, createTestPki, signCms } from '../../support/pki/index.ts';
import { pkiFailure } from '../../support/pki-failure.ts';

describe('trust store', () => {
  let pki: TestPki;
  let other: TestPki;

  beforeAll(async () => {
    [pki, other] = await Promise.all([createTestPki({ algorithm: 'rsa' }), createTestPki({ algorithm: 'rsa' })]);
  });

  it('anchors on self-signed roots and links intermediates by verified signatures, whatever the file order', () => {
    const { store, warnings } = buildTrustStore([pki.intermediate.der, pki.root.der, pki.root.der]);
    expect(warnings).toEqual([]);
    expect(store.cas.map((ca) => ca.path.length).sort()).toEqual([1, 2]);
  });

  it('ignores, with a reason, end-entity certificates and intermediates without their root', () => {
    const { store, warnings } = buildTrustStore([pki.root.der, pki.endEntities.individual.der, other.intermediate.der]);
    expect(store.cas).toHaveLength(1);
    expect(warnings).toEqual([
      expect.stringContaining('is not a CA'),
      expect.stringContaining('no path to a trusted root'),
    ]);
  });

  it('refuses an intermediate when the root is not trusted, even though the intermediate is', async () => {
    expect(() => createPkiVerifier({ trusted: [pki.intermediate.der], revocation: 'off' })).toThrow(/no usable CA/);
  });

  it('judges CA validity at the instant asked for', async () => {
    const cms = signCms('x', pki.endEntities.individual);
    const afterCa = new Date(pki.intermediate.notAfter.getTime() + 1000);
    const { verifier } = createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off', clock: () => afterCa });
    expect(await pkiFailure(verifier.verifyCms(cms))).toBe('pki.ca_invalid');
    const beforeCa = new Date(pki.intermediate.notBefore.getTime() - 1000);
    const early = createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off', clock: () => beforeCa }).verifier;
    expect(await pkiFailure(early.verifyCms(cms))).toBe('pki.ca_invalid');
  });
});
