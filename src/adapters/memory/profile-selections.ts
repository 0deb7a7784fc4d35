import type { ProfileSelection, ProfileSelectionRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { ExpiringMap } from './expiring-map.ts';

export function memoryProfileSelections(clock: Clock): ProfileSelectionRepository {
  const selections = new ExpiringMap<ProfileSelection>(clock);
  // A JSON key cannot be confused the way "a:b" + "c" and "a" + "b:c" could.
  const key = (sessionUid: string, clientId: string) => JSON.stringify([sessionUid, clientId]);

  return {
    async save(selection) {
      selections.set(key(selection.sessionUid, selection.clientId), structuredClone(selection), selection.expiresAt);
    },

    async find(sessionUid, clientId) {
      const selection = selections.get(key(sessionUid, clientId));
      return selection === undefined ? null : structuredClone(selection.profile);
    },

    // A scan: the memory store holds the few sessions of a development instance or a test.
    async listByAccount(accountId) {
      return [...selections.entries()].filter(([, selection]) => selection.accountId === accountId).map(([, selection]) => structuredClone(selection));
    },

    async remove(sessionUid, clientId) {
      selections.delete(key(sessionUid, clientId));
    },
  };
}
