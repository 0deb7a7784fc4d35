import type { ChallengeRecord, ChallengeRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { ExpiringMap } from './expiring-map.ts';

export function memoryChallenges(clock: Clock): ChallengeRepository {
  const byId = new ExpiringMap<ChallengeRecord>(clock);

  return {
    async save(challenge) {
      const copy = structuredClone(challenge);
      byId.set(copy.id, copy, copy.expiresAt);
    },

    // Synchronous from lookup to delete, so of concurrent callers only the first finds the challenge.
    async consume(id, binding, now) {
      const challenge = byId.get(id, now);
      if (challenge === undefined || challenge.binding !== binding) return null;
      byId.delete(id);
      return challenge;
    },
  };
}
