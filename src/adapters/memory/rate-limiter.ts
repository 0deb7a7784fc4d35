import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimit, RateLimiter } from '../../domain/store.ts';
import { limitKey, rateLimiterPort } from '../store-shared/rate-limiter-port.ts';

/** One limiter per distinct limit, so that every caller asking for the same limit counts against the same points. */
export function memoryRateLimiters(): (limit: RateLimit) => RateLimiter {
  const limiters = new Map<string, RateLimiter>();
  return (limit) => {
    const key = limitKey(limit);
    let limiter = limiters.get(key);
    if (limiter === undefined) {
      const options = { keyPrefix: limit.keyPrefix, points: limit.points, duration: limit.durationSeconds, blockDuration: limit.blockSeconds };
      limiter = rateLimiterPort(new RateLimiterMemory(options), limit);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}
