import { describe, expect, it } from 'vitest';
import type { OneTimeTokenRecord } from '../../src/domain/store.ts';
import { concurrently, type Fresh, freshStore, type StoreFactory } from './store-under-test.ts';

let serial = 0;

function token(fresh: Fresh, lifetimeMs = 3_600_000): OneTimeTokenRecord {
  serial += 1;
  return { hash: `hash-${serial}-${Math.random().toString(36).slice(2)}`, purpose: 'password_reset', userId: `user-${serial}`, expiresAt: new Date(fresh.clock.now().getTime() + lifetimeMs) };
}

export function oneTimeTokensContract(factory: StoreFactory): void {
  describe('one-time tokens', () => {
    const fresh = freshStore(factory);

    it('gives a token back once, for its purpose only', async () => {
      const saved = token(fresh);
      await fresh.store.oneTimeTokens.save(saved);
      expect(await fresh.store.oneTimeTokens.consume(saved.hash, 'email_confirmation', fresh.clock.now())).toBeNull();
      expect(await fresh.store.oneTimeTokens.consume(saved.hash, 'password_reset', fresh.clock.now())).toEqual(saved);
      expect(await fresh.store.oneTimeTokens.consume(saved.hash, 'password_reset', fresh.clock.now())).toBeNull();
    });

    it('hands a token to exactly one of many concurrent callers', async () => {
      const saved = token(fresh);
      await fresh.store.oneTimeTokens.save(saved);
      const results = await concurrently(20, () => fresh.store.oneTimeTokens.consume(saved.hash, 'password_reset', fresh.clock.now()));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps the addresses of an e-mail change, and gives the token back for that purpose only', async () => {
      const saved: OneTimeTokenRecord = { ...token(fresh), purpose: 'email_change', newEmail: 'new@example.kz', oldEmail: 'old@example.kz' };
      await fresh.store.oneTimeTokens.save(saved);
      expect(await fresh.store.oneTimeTokens.consume(saved.hash, 'password_reset', fresh.clock.now())).toBeNull();
      expect(await fresh.store.oneTimeTokens.consume(saved.hash, 'email_change', fresh.clock.now())).toEqual(saved);
    });

    it("discards an account's tokens of one purpose, leaving its others and other accounts' alone", async () => {
      const change = (userId: string): OneTimeTokenRecord => ({ ...token(fresh), userId, purpose: 'email_change', newEmail: 'n@example.kz', oldEmail: 'o@example.kz' });
      const [first, second, others] = [change('alice'), change('alice'), change('bob')];
      const reset = { ...token(fresh), userId: 'alice' };
      for (const saved of [first, second, others, reset]) await fresh.store.oneTimeTokens.save(saved);
      await fresh.store.oneTimeTokens.discard('alice', 'email_change');
      expect(await fresh.store.oneTimeTokens.consume(first.hash, 'email_change', fresh.clock.now())).toBeNull();
      expect(await fresh.store.oneTimeTokens.consume(second.hash, 'email_change', fresh.clock.now())).toBeNull();
      expect(await fresh.store.oneTimeTokens.consume(others.hash, 'email_change', fresh.clock.now())).toEqual(others);
      expect(await fresh.store.oneTimeTokens.consume(reset.hash, 'password_reset', fresh.clock.now())).toEqual(reset);
    });

    it('refuses a token from the instant it expires', async () => {
      const saved = token(fresh, 1000);
      await fresh.store.oneTimeTokens.save(saved);
      fresh.clock.advance(1000);
      expect(await fresh.store.oneTimeTokens.consume(saved.hash, 'password_reset', fresh.clock.now())).toBeNull();
    });
  });
}
