import type { Store } from '../../domain/store.ts';
import { memoryAgreements } from './agreements.ts';
import { memoryAudit } from './audit.ts';
import { memoryChallenges } from './challenges.ts';
import { type Clock, systemClock } from '../store-shared/clock.ts';
import { memoryClients } from './clients.ts';
import { memoryKeys } from './keys.ts';
import { memoryOidcStorage } from './oidc-adapter.ts';
import { memoryOneTimeTokens } from './one-time-tokens.ts';
import { memoryOrganizations } from './organizations.ts';
import { memoryParticipants } from './participants.ts';
import { memoryProfileSelections } from './profile-selections.ts';
import { memoryRateLimiters } from './rate-limiter.ts';
import { memoryRegistrations } from './registrations.ts';
import { memoryUsers } from './users.ts';

export interface MemoryStoreOptions {
  /** Timestamps and expiry (oidc payloads) follow this clock; rate limits run on real time. */
  readonly clock?: Clock;
}

/**
 * The store in this process's memory, for development and tests: nothing survives a restart and nothing is shared
 * with other processes. Records are copied on the way in and out, so callers never hold the stored objects.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const oidc = memoryOidcStorage(clock);
  return {
    kind: 'memory',
    users: memoryUsers(clock),
    organizations: memoryOrganizations(clock),
    participants: memoryParticipants(clock),
    agreements: memoryAgreements(),
    challenges: memoryChallenges(clock),
    audit: memoryAudit(),
    clients: memoryClients(),
    keys: memoryKeys(),
    profileSelections: memoryProfileSelections(clock),
    oneTimeTokens: memoryOneTimeTokens(clock),
    registrations: memoryRegistrations(clock),
    oidcAdapter: oidc.adapter,
    endSessions: oidc.endSessions,
    sessionsOf: oidc.sessionsOf,
    endSession: oidc.endSession,
    tokenGrantIds: oidc.tokenGrantIds,
    rateLimiter: memoryRateLimiters(),
    async ping() {},
    async close() {},
  };
}
