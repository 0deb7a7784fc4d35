import type { Model } from 'mongoose';
import type { ProfileSelectionRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import type { ProfileSelectionDocument } from './models/profile-selection.ts';

export function mongoProfileSelections(selections: Model<ProfileSelectionDocument>, clock: Clock): ProfileSelectionRepository {
  return {
    // One upsert on the unique (session, client) pair: a new choice replaces the old one atomically.
    async save(sessionUid, clientId, profile, expiresAt) {
      await selections.updateOne({ sessionUid, clientId }, { $set: { profile, expiresAt } }, { upsert: true });
    },

    // Filtered on expiry too: the TTL monitor removes documents only once a minute.
    async find(sessionUid, clientId) {
      const document = await selections.findOne({ sessionUid, clientId, expiresAt: { $gt: clock() } }).lean();
      if (!document) return null;
      const { type, bin, name, roles } = document.profile;
      return { type, bin: bin ?? null, name, roles: [...roles] };
    },
  };
}
