import { beforeAll, describe, expect, it } from 'vitest';
import { CrlStore } from '../../../src/pki/revocation/crl-store.ts';
import { buildTrustStore } from '../../../src/pki/trust-store.ts';
import { type TestPki, createTestPki } from '../../support/pki/index.ts';

const DAY = 86_400_000;

describe('CrlStore.currency', () => {
  let pki: TestPki;
  let store: () => CrlStore;
  const thisUpdate = new Date('2026-03-01T00:00:00Z');
  const nextUpdate = new Date('2026-03-08T00:00:00Z');

  beforeAll(async () => {
    pki = await createTestPki({ algorithm: 'gost256', now: new Date('2026-03-02T00:00:00Z') });
    store = () => new CrlStore(buildTrustStore([pki.root.der, pki.intermediate.der]).store);
  });

  const summary = (crls: CrlStore, at: Date) => crls.currency(at).map(({ issuer, current }) => ({ serial: issuer.certificate.serialHex, current }));

  it('lists only the CAs that hold a CRL', () => {
    const crls = store();
    expect(crls.currency(thisUpdate)).toEqual([]);
    crls.add(pki.crl({ thisUpdate, nextUpdate }));
    expect(summary(crls, thisUpdate)).toEqual([{ serial: pki.intermediate.serialHex, current: true }]);
  });

  it('is current from thisUpdate through nextUpdate, as status judges it, and not outside', () => {
    const crls = store();
    crls.add(pki.crl({ thisUpdate, nextUpdate }));
    const serial = pki.endEntities.individual.serialHex;
    const issuer = crls.currency(thisUpdate)[0]!.issuer;
    for (const [at, current] of [
      [new Date(thisUpdate.getTime() - 1000), false],
      [thisUpdate, true],
      [nextUpdate, true],
      [new Date(nextUpdate.getTime() + 1000), false],
    ] as const) {
      expect(crls.currency(at)[0]).toMatchObject({ current, full: { thisUpdate, nextUpdate } });
      expect(crls.status(serial, issuer, at).status).toBe(current ? 'good' : 'unavailable');
    }
  });

  it('judges the newest full CRL, and a delta alone is never current', () => {
    const crls = store();
    crls.add(pki.crl({ delta: true, thisUpdate, nextUpdate }));
    expect(crls.currency(thisUpdate)).toEqual([expect.objectContaining({ full: undefined, current: false })]);
    const later = new Date(nextUpdate.getTime() + DAY);
    crls.add(pki.crl({ thisUpdate, nextUpdate, number: 1 }));
    crls.add(pki.crl({ thisUpdate: nextUpdate, nextUpdate: new Date(nextUpdate.getTime() + 7 * DAY), number: 2 }));
    expect(crls.currency(later)).toEqual([expect.objectContaining({ current: true })]);
  });

  it('keeps each CA apart', () => {
    const crls = store();
    crls.add(pki.crl({ thisUpdate, nextUpdate }));
    crls.add(pki.crl({ issuer: 'root', thisUpdate, nextUpdate: new Date(thisUpdate.getTime() + DAY) }));
    const at = new Date(thisUpdate.getTime() + 2 * DAY);
    expect(summary(crls, at)).toEqual(expect.arrayContaining([
      { serial: pki.intermediate.serialHex, current: true },
      { serial: pki.root.serialHex, current: false },
    ]));
    expect(crls.currency(at)).toHaveLength(2);
  });
});
