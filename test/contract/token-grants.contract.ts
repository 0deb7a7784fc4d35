import { describe, expect, it } from 'vitest';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const HOUR = 3600;

export function tokenGrantsContract(factory: StoreFactory): void {
  describe("the grants of an account's tokens in one session at one client", () => {
    const fresh = freshStore(factory);

    it('names each grant once, by the tokens, whether or not the session is still there', async () => {
      const model = (name: string) => new fresh.store.oidcAdapter(name);
      const token = (grantId: string, overrides: Record<string, unknown> = {}) =>
        ({ grantId, accountId: 'alice', sessionUid: 'u-1', clientId: 'keden', ...overrides });
      await model('RefreshToken').upsert('r-1', { kind: 'RefreshToken', jti: 'r-1', ...token('g-1') }, HOUR);
      await model('RefreshToken').upsert('r-2', { kind: 'RefreshToken', jti: 'r-2', ...token('g-1') }, HOUR);
      await model('AccessToken').upsert('a-1', { kind: 'AccessToken', jti: 'a-1', ...token('g-2') }, HOUR);
      await model('RefreshToken').upsert('r-3', { kind: 'RefreshToken', jti: 'r-3', ...token('g-3', { clientId: 'knp' }) }, HOUR);
      await model('RefreshToken').upsert('r-4', { kind: 'RefreshToken', jti: 'r-4', ...token('g-4', { sessionUid: 'u-2' }) }, HOUR);
      await model('RefreshToken').upsert('r-5', { kind: 'RefreshToken', jti: 'r-5', ...token('g-5', { accountId: 'bob' }) }, HOUR);
      // A session names its grants too, but only tokens count here.
      await model('Session').upsert('s-1', { kind: 'Session', jti: 's-1', uid: 'u-1', accountId: 'alice', authorizations: { keden: { grantId: 'g-6' } } }, HOUR);

      const query = { accountId: 'alice', sessionUid: 'u-1', clientId: 'keden' };
      expect([...(await fresh.store.tokenGrantIds(query))].sort()).toEqual(['g-1', 'g-2']);
      expect(await fresh.store.tokenGrantIds({ ...query, accountId: 'carol' })).toEqual([]);
    });

    it('names no grant of a token that has expired', async () => {
      const refreshTokens = new fresh.store.oidcAdapter('RefreshToken');
      const token = { accountId: 'alice', sessionUid: 'u-1', clientId: 'keden' };
      await refreshTokens.upsert('r-1', { kind: 'RefreshToken', jti: 'r-1', grantId: 'g-1', ...token }, 10);
      await refreshTokens.upsert('r-2', { kind: 'RefreshToken', jti: 'r-2', grantId: 'g-2', ...token }, HOUR);
      fresh.clock.advance(10_000);
      expect(await fresh.store.tokenGrantIds(token)).toEqual(['g-2']);
    });
  });
}
