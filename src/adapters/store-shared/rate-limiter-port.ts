import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type RateLimit, type RateLimiter, RateLimitedError } from '../../domain/store.ts';

/**
 * The RateLimiter port over any rate-limiter-flexible limiter. The library rejects with a RateLimiterRes when the
 * points are spent and with an Error when its storage fails; only the first is a rate limit.
 */
export function rateLimiterPort(limiter: RateLimiterAbstract, limit: RateLimit): RateLimiter {
  return {
    async consume(key) {
      try {
        const result = await limiter.consume(key);
        return { remaining: result.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        throw rejection;
      }
    },

    async reset(key) {
      await limiter.delete(key);
    },

    async blockedFor(key) {
      const state = await limiter.get(key);
      // With every point spent the next consume is refused too, so the key waits until its window ends.
      if (state === null || state.consumedPoints < limit.points) return 0;
      return Math.max(0, Math.ceil(state.msBeforeNext / 1000));
    },
  };
}

export function limitKey(limit: RateLimit): string {
  return `${limit.keyPrefix}:${limit.points}/${limit.durationSeconds}s+${limit.blockSeconds}s`;
}
