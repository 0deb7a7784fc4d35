import type { OneTimeTokenRecord, OneTimeTokenRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { hasPurpose } from '../store-shared/token-purpose.ts';
import { ExpiringMap } from './expiring-map.ts';

export function memoryOneTimeTokens(clock: Clock): OneTimeTokenRepository {
  const byHash = new ExpiringMap<OneTimeTokenRecord>(clock);
  return {
    async save(token) {
      byHash.set(token.hash, { ...token }, token.expiresAt);
    },
    // Synchronous from lookup to delete, so of concurrent callers only the first finds the token.
    async consume(hash, purpose, now) {
      const token = byHash.get(hash, now);
      if (!token || !hasPurpose(token, purpose)) return null;
      byHash.delete(hash);
      return { ...token };
    },
    async discard(userId, purpose) {
      for (const [hash, token] of [...byHash.entries()]) if (token.userId === userId && token.purpose === purpose) byHash.delete(hash);
    },
  };
}
