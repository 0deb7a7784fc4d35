import type { Connection } from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import type { RateLimit, RateLimiter } from '../../domain/store.ts';
import { limitKey, rateLimiterPort } from '../store-shared/rate-limiter-port.ts';

/** Every limit shares one collection; the library prefixes each key with the limit's keyPrefix. */
const COLLECTION = 'rate_limits';

function mongoLimiter(connection: Connection, options: { keyPrefix: string; points: number; duration: number; blockDuration: number }): RateLimiterMongo {
  return new RateLimiterMongo({
    ...options,
    storeClient: connection.getClient(),
    dbName: connection.name,
    tableName: COLLECTION,
    // The library would create its indexes in the background and only log a failure; connect creates them instead.
    disableIndexesCreation: true,
  });
}

/** The rate-limit collection's TTL and unique key indexes, as the library defines them. */
export async function createRateLimitIndexes(connection: Connection): Promise<void> {
  await mongoLimiter(connection, { keyPrefix: 'indexes', points: 1, duration: 1, blockDuration: 0 }).createIndexes();
}

/** One limiter per distinct limit; the counts themselves live in MongoDB, shared by every Kilt process. */
export function mongoRateLimiters(connection: Connection): (limit: RateLimit) => RateLimiter {
  const limiters = new Map<string, RateLimiter>();
  return (limit) => {
    const key = limitKey(limit);
    let limiter = limiters.get(key);
    if (limiter === undefined) {
      const options = { keyPrefix: limit.keyPrefix, points: limit.points, duration: limit.durationSeconds, blockDuration: limit.blockSeconds };
      limiter = rateLimiterPort(mongoLimiter(connection, options), limit);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}
