import { describe, expect, it } from 'vitest';
import { accountSessionsContract } from './account-sessions.contract.ts';
import { agreementsContract } from './agreements.contract.ts';
import { auditContract } from './audit.contract.ts';
import { challengesContract } from './challenges.contract.ts';
import { clientsContract } from './clients.contract.ts';
import { keysContract } from './keys.contract.ts';
import { endSessionsContract } from './end-sessions.contract.ts';
import { oidcAdapterContract } from './oidc-adapter.contract.ts';
import { oneTimeTokensContract } from './one-time-tokens.contract.ts';
import { organizationsContract } from './organizations.contract.ts';
import { participantManagementRaceContract } from './participant-management-race.contract.ts';
import { participantsContract } from './participants.contract.ts';
import { profileSelectionsContract } from './profile-selections.contract.ts';
import { rateLimiterContract } from './rate-limiter.contract.ts';
import { registrationRaceContract } from './registration-race.contract.ts';
import { registrationsContract } from './registrations.contract.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';
import { tokenGrantsContract } from './token-grants.contract.ts';
import { usersContract } from './users.contract.ts';

export type { StoreFactory, StoreUnderTest } from './store-under-test.ts';

/** The behaviour every Store promises in src/domain/store.ts, run against one implementation. */
export function storeContract(kind: 'memory' | 'mongodb', factory: StoreFactory): void {
  describe(`${kind} store`, () => {
    describe('store', () => {
      const fresh = freshStore(factory);

      it('names its kind and answers ping', async () => {
        expect(fresh.store.kind).toBe(kind);
        await expect(fresh.store.ping()).resolves.toBeUndefined();
      });
    });

    usersContract(factory);
    organizationsContract(factory);
    participantsContract(factory);
    participantManagementRaceContract(factory);
    agreementsContract(factory);
    challengesContract(factory);
    auditContract(factory);
    clientsContract(factory);
    keysContract(factory);
    oidcAdapterContract(factory);
    rateLimiterContract(factory);
    profileSelectionsContract(factory);
    oneTimeTokensContract(factory);
    registrationsContract(factory);
    registrationRaceContract(factory);
    endSessionsContract(factory);
    tokenGrantsContract(factory);
    accountSessionsContract(factory);
  });
}
