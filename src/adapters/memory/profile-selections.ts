import type { ProfileSelectionRepository } from '../../domain/store.ts';
import type { Profile } from '../../domain/sign-in/profiles.ts';
import type { Clock } from '../store-shared/clock.ts';
import { ExpiringMap } from './expiring-map.ts';

export function memoryProfileSelections(clock: Clock): ProfileSelectionRepository {
  const selections = new ExpiringMap<Profile>(clock);
  // A JSON key cannot be confused the way "a:b" + "c" and "a" + "b:c" could.
  const key = (sessionUid: string, clientId: string) => JSON.stringify([sessionUid, clientId]);

  return {
    async save(sessionUid, clientId, profile, expiresAt) {
      selections.set(key(sessionUid, clientId), structuredClone(profile), expiresAt);
    },
    async find(sessionUid, clientId) {
      const profile = selections.get(key(sessionUid, clientId));
      return profile === undefined ? null : structuredClone(profile);
    },
  };
}
