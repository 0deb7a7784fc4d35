import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimit, RateLimiter } from '../../domain/store.ts';
import { rateLimiters } from '../store-shared/rate-limiter-port.ts';

export function memoryRateLimiters(): (limit: RateLimit) => RateLimiter {
  return rateLimiters((options) => new RateLimiterMemory(options));
}
