import type { Connection } from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import type { RateLimit, RateLimiter } from '../../domain/store.ts';
import { type LimiterOptions, rateLimiters } from '../store-shared/rate-limiter-port.ts';

/** Every limit shares one collection; the library prefixes each key with the limit's keyPrefix. */
const COLLECTION = 'rate_limits';

function mongoLimiter(connection: Connection, options: LimiterOptions): RateLimiterMongo {
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

/** The counts live in MongoDB, shared by every Kilt process. */
export function mongoRateLimiters(connection: Connection): (limit: RateLimit) => RateLimiter {
  return rateLimiters((options) => mongoLimiter(connection, options));
}
