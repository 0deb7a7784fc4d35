import { describe, expect, it } from 'vitest';
import type { ChallengeRecord } from '../../src/domain/store.ts';
import { concurrently, type Fresh, freshStore, type StoreFactory } from './store-under-test.ts';

let serial = 0;

function challenge(fresh: Fresh, lifetimeMs = 60_000): ChallengeRecord {
  serial += 1;
  return {
    id: `challenge-${serial}-${Math.random().toString(36).slice(2)}`,
    value: Uint8Array.from([serial & 0xff, 1, 2, 3, 0, 255]),
    binding: `interaction-${serial}`,
    expiresAt: new Date(fresh.clock.now().getTime() + lifetimeMs),
  };
}

export function challengesContract(factory: StoreFactory): void {
  describe('challenges', () => {
    const fresh = freshStore(factory);

    it('gives a saved challenge back once, with its bytes', async () => {
      const saved = challenge(fresh);
      await fresh.store.challenges.save(saved);
      const consumed = await fresh.store.challenges.consume(saved.id, saved.binding, fresh.clock.now());
      expect(consumed).toEqual(saved);
      expect(consumed?.value).toBeInstanceOf(Uint8Array);
      expect(await fresh.store.challenges.consume(saved.id, saved.binding, fresh.clock.now())).toBeNull();
      expect(await fresh.store.challenges.consume('no-such-challenge', saved.binding, fresh.clock.now())).toBeNull();
    });

    it('hands a challenge to exactly one of 20 concurrent consumers', async () => {
      const saved = challenge(fresh);
      await fresh.store.challenges.save(saved);
      const results = await concurrently(20, () => fresh.store.challenges.consume(saved.id, saved.binding, fresh.clock.now()));
      expect(results.filter((result) => result !== null)).toEqual([saved]);
    });

    it('refuses a challenge to another binding and leaves it in place for its own', async () => {
      const saved = challenge(fresh);
      await fresh.store.challenges.save(saved);
      expect(await fresh.store.challenges.consume(saved.id, 'interaction-of-someone-else', fresh.clock.now())).toBeNull();
      expect(await fresh.store.challenges.consume(saved.id, saved.binding, fresh.clock.now())).toEqual(saved);
    });

    it('refuses a challenge from the instant it expires', async () => {
      const saved = challenge(fresh, 30_000);
      await fresh.store.challenges.save(saved);
      expect(await fresh.store.challenges.consume(saved.id, saved.binding, saved.expiresAt)).toBeNull();
      const later = challenge(fresh, 30_000);
      await fresh.store.challenges.save(later);
      expect(await fresh.store.challenges.consume(later.id, later.binding, new Date(later.expiresAt.getTime() + 60_000))).toBeNull();
      const inTime = challenge(fresh, 30_000);
      await fresh.store.challenges.save(inTime);
      expect(await fresh.store.challenges.consume(inTime.id, inTime.binding, new Date(inTime.expiresAt.getTime() - 1))).toEqual(inTime);
    });

    it('keeps its own copies', async () => {
      const saved = challenge(fresh);
      const original = structuredClone(saved);
      await fresh.store.challenges.save(saved);
      saved.value.fill(0);
      saved.expiresAt.setTime(0);
      expect(await fresh.store.challenges.consume(saved.id, saved.binding, fresh.clock.now())).toEqual(original);
    });
  });
}
