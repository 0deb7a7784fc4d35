import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { keysCommand } from '../../../src/cli/keys-command.ts';
import type { UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { KEY_SETS_KEPT, loadOrCreateKeys, rotateKeys } from '../../../src/provider/keys/key-set.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { decodeJws, verifiesWith } from '../../support/kilt/jws.ts';
import { relyingParty } from '../../support/kilt/relying-party.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { testSignIn } from '../../support/kilt/test-sign-in.ts';

type Jwk = Record<string, unknown>;
const PORTAL = { clientId: 'portal', redirectUri: 'http://portal.kilt.test/callback' };

async function jwks(kilt: TestKilt): Promise<Jwk[]> {
  return ((await request(kilt.url).get('/jwks').expect(200)).body as { keys: Jwk[] }).keys;
}

describe('signing and cookie keys shared through the store', () => {
  const store = createMemoryStore();
  let user: UserRecord;
  let first: TestKilt;
  let second: TestKilt;

  beforeAll(async () => {
    user = await createAccount(store, 'aidar@example.kz', (await testPki()).endEntities.individual);
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    const routes = (provider: Parameters<typeof testSignIn>[0]) => [testSignIn(provider, { accountId: () => user.id, acr: 'urn:test:acr' })];
    [first, second] = await Promise.all([startTestKilt({ store, routes }), startTestKilt({ store, routes })]);
  });
  afterAll(() => Promise.all([first.stop(), second.stop()]));

  it('two processes starting together on one store agree on one key set', async () => {
    expect(await jwks(first)).toEqual(await jwks(second));
    expect(first.instance.provider.keysRevision).toBe(second.instance.provider.keysRevision);
  });

  it('concurrent first starts generate once: the compare-and-set loser adopts the winner\'s keys', async () => {
    const fresh = createMemoryStore();
    const [a, b] = await Promise.all([loadOrCreateKeys(fresh.keys), loadOrCreateKeys(fresh.keys)]);
    expect(a).toEqual(b);
    expect(a.revision).toBe(1);
  });

  it('`kilt keys rotate` puts new keys in front; old ones stay published and earlier tokens still verify', async () => {
    const rp = await relyingParty(first.url, PORTAL);
    const before = await rp.signIn();
    const oldKid = decodeJws(before.id_token!).header['kid'];

    const printed: Record<string, unknown>[] = [];
    const code = await keysCommand(['rotate'])({ store, config: first.config, print: (result) => printed.push(result) });
    expect(code).toBe(0);
    expect(printed[0]).toMatchObject({ ok: true, published: 6 });
    expect(await Promise.all([first.instance.provider.refresh(), second.instance.provider.refresh()])).toEqual([true, true]);

    for (const kilt of [first, second]) {
      const keys = await jwks(kilt);
      expect(keys.map((key) => key['alg'])).toEqual(['ES256', 'EdDSA', 'RS256', 'ES256', 'EdDSA', 'RS256']);
      expect(keys[3]!['kid']).toBe(oldKid);
      expect(verifiesWith(before.id_token!, keys)).toBe(true);
    }
    const after = await rp.signIn({ prompt: 'none' });
    const newKid = decodeJws(after.id_token!).header['kid'];
    expect(newKid).not.toBe(oldKid);
    expect(newKid).toBe((await jwks(second))[0]!['kid']);
  });

  it('the session cookie set before the rotation still works after it (the old cookie key is kept)', async () => {
    const rp = await relyingParty(first.url, PORTAL);
    await rp.signIn();
    await rotateKeys(store.keys);
    await first.instance.provider.refresh();
    const silent = await rp.authorize({ prompt: 'none' });
    expect(silent.searchParams.get('code')).toBeTruthy();
  });

  it(`keeps the ${KEY_SETS_KEPT} newest key sets published`, async () => {
    const fresh = createMemoryStore();
    const original = await loadOrCreateKeys(fresh.keys);
    let latest = original;
    for (let rotation = 0; rotation < KEY_SETS_KEPT; rotation++) latest = await rotateKeys(fresh.keys);
    expect(latest.signingKeys).toHaveLength(3 * KEY_SETS_KEPT);
    expect(latest.cookieKeys).toHaveLength(KEY_SETS_KEPT);
    const kids = latest.signingKeys.map((key) => key['kid']);
    for (const key of original.signingKeys) expect(kids).not.toContain(key['kid']);
  });

  it('a running process adopts rotated keys by itself within KILT_KEYS_REFRESH_SECONDS', async () => {
    const watching = await startTestKilt({ store, env: { KILT_KEYS_REFRESH_SECONDS: '1' } });
    try {
      const revision = watching.instance.provider.keysRevision;
      await rotateKeys(store.keys);
      await expect.poll(() => watching.instance.provider.keysRevision, { timeout: 3_000, interval: 100 }).toBe(revision + 1);
    } finally {
      await watching.stop();
    }
  });
});
