import type { Model } from 'mongoose';
import type { ProfileSelection, ProfileSelectionRepository } from '../../domain/store.ts';
import type { Profile } from '../../domain/sign-in/profiles.ts';
import type { Clock } from '../store-shared/clock.ts';
import type { ProfileSelectionDocument } from './models/profile-selection.ts';

const toProfile = ({ type, bin, name, roles }: Profile): Profile => ({ type, bin: bin ?? null, name, roles: [...roles] });

const toSelection = (document: ProfileSelectionDocument): ProfileSelection => ({
  sessionUid: document.sessionUid,
  clientId: document.clientId,
  accountId: document.accountId,
  profile: toProfile(document.profile),
  expiresAt: document.expiresAt,
});

export function mongoProfileSelections(selections: Model<ProfileSelectionDocument>, clock: Clock): ProfileSelectionRepository {
  return {
    // One upsert on the unique (session, client) pair: a new choice replaces the old one atomically.
    async save({ sessionUid, clientId, accountId, profile, expiresAt }) {
      await selections.updateOne({ sessionUid, clientId }, { $set: { accountId, profile, expiresAt } }, { upsert: true });
    },

    // Filtered on expiry too: the TTL monitor removes documents only once a minute.
    async find(sessionUid, clientId) {
      const document = await selections.findOne({ sessionUid, clientId, expiresAt: { $gt: clock() } }).lean<ProfileSelectionDocument>();
      return document ? toProfile(document.profile) : null;
    },

    async listByAccount(accountId) {
      const documents = await selections.find({ accountId, expiresAt: { $gt: clock() } }).lean<ProfileSelectionDocument[]>();
      return documents.map(toSelection);
    },

    async remove(sessionUid, clientId) {
      await selections.deleteOne({ sessionUid, clientId });
    },
  };
}
