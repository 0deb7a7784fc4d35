import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type RateLimit, RateLimitedError } from '../../src/domain/store.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const limit = (overrides: Partial<RateLimit> = {}): RateLimit => ({ points: 3, durationSeconds: 60, blockSeconds: 300, keyPrefix: 'login', ...overrides });

async function refusal(attempt: Promise<unknown>): Promise<RateLimitedError> {
  const error = await attempt.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

export function rateLimiterContract(factory: StoreFactory): void {
  describe('rate limiter', () => {
    const fresh = freshStore(factory);

    it('counts down and then blocks the key for the block time', async () => {
      const limiter = fresh.store.rateLimiter(limit());
      expect(await limiter.blockedFor('user-1')).toBe(0);
      expect(await limiter.consume('user-1')).toEqual({ remaining: 2 });
      expect(await limiter.consume('user-1')).toEqual({ remaining: 1 });
      expect(await limiter.blockedFor('user-1')).toBe(0);
      expect(await limiter.consume('user-1')).toEqual({ remaining: 0 });
      const refused = await refusal(limiter.consume('user-1'));
      expect(refused.retryAfterSeconds).toBeGreaterThan(295);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(300);
      expect(await limiter.blockedFor('user-1')).toBeGreaterThan(295);
      expect((await refusal(limiter.consume('user-1'))).retryAfterSeconds).toBeGreaterThan(295);
    });

    it('reports a key with no points left as waiting for its window', async () => {
      const limiter = fresh.store.rateLimiter(limit({ points: 1, blockSeconds: 0 }));
      await limiter.consume('user-1');
      const waiting = await limiter.blockedFor('user-1');
      expect(waiting).toBeGreaterThan(55);
      expect(waiting).toBeLessThanOrEqual(60);
      expect((await refusal(limiter.consume('user-1'))).retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('counts keys and prefixes apart, and shares counts between limiters of the same limit', async () => {
      await fresh.store.rateLimiter(limit({ points: 1 })).consume('user-1');
      await refusal(fresh.store.rateLimiter(limit({ points: 1 })).consume('user-1'));
      expect(await fresh.store.rateLimiter(limit({ points: 1 })).consume('user-2')).toEqual({ remaining: 0 });
      expect(await fresh.store.rateLimiter(limit({ points: 1, keyPrefix: 'sms' })).consume('user-1')).toEqual({ remaining: 0 });
    });

    it('forgets a key on reset, and only that key', async () => {
      const limiter = fresh.store.rateLimiter(limit({ points: 2 }));
      await limiter.consume('user-1');
      await limiter.consume('user-1');
      await limiter.consume('user-2');
      await limiter.reset('user-1');
      expect(await limiter.blockedFor('user-1')).toBe(0);
      expect(await limiter.consume('user-1')).toEqual({ remaining: 1 });
      expect(await limiter.consume('user-2')).toEqual({ remaining: 0 });
    });

    it('lets the key try again when the block ends', async () => {
      const limiter = fresh.store.rateLimiter(limit({ points: 1, durationSeconds: 1, blockSeconds: 1 }));
      await limiter.consume('user-1');
      expect((await refusal(limiter.consume('user-1'))).retryAfterSeconds).toBe(1);
      await sleep(1_100);
      expect(await limiter.blockedFor('user-1')).toBe(0);
      expect(await limiter.consume('user-1')).toEqual({ remaining: 0 });
    });
  });
}
