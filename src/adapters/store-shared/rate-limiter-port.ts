import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type RateLimit, type RateLimiter, RateLimitedError } from '../../domain/store.ts';

/**
 * The RateLimiter port over any rate-limiter-flexible limiter. The library rejects with a RateLimiterRes when the
 * points are spent and with an Error when its storage fails; only the first is a rate limit.
 */
function rateLimiterPort(limiter: RateLimiterAbstract, limit: RateLimit): RateLimiter {
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

/** rate-limiter-flexible's options for a limit. */
export interface LimiterOptions {
  readonly keyPrefix: string;
  readonly points: number;
  readonly duration: number;
  readonly blockDuration: number;
}

/**
 * One limiter per distinct limit, so that every caller asking for the same limit counts against the same points;
 * `create` makes the library's limiter for a store.
 */
export function rateLimiters(create: (options: LimiterOptions) => RateLimiterAbstract): (limit: RateLimit) => RateLimiter {
  const limiters = new Map<string, RateLimiter>();
  return (limit) => {
    const key = `${limit.keyPrefix}:${limit.points}/${limit.durationSeconds}s+${limit.blockSeconds}s`;
    let limiter = limiters.get(key);
    if (limiter === undefined) {
      limiter = rateLimiterPort(create({ keyPrefix: limit.keyPrefix, points: limit.points, duration: limit.durationSeconds, blockDuration: limit.blockSeconds }), limit);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}
