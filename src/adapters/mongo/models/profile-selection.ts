import { type Connection, type Model, Schema } from 'mongoose';
import type { Profile } from '../../../domain/sign-in/profiles.ts';

export interface ProfileSelectionDocument {
  sessionUid: string;
  clientId: string;
  accountId: string;
  profile: Profile;
  expiresAt: Date;
}

const schema = new Schema<ProfileSelectionDocument>(
  {
    sessionUid: { type: String, required: true },
    clientId: { type: String, required: true },
    accountId: { type: String, required: true },
    profile: {
      type: { type: String, required: true, enum: ['individual', 'legal_entity'] },
      bin: { type: String, default: null },
      name: { type: String, required: true },
      roles: { type: [String], default: [] },
    },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ sessionUid: 1, clientId: 1 }, { unique: true, name: 'profile_selections_session_client' });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'profile_selections_ttl' });
// A company excluding a person finds the sessions acting for it through their account.
schema.index({ accountId: 1 }, { name: 'profile_selections_account' });

export const profileSelectionModel = (connection: Connection): Model<ProfileSelectionDocument> =>
  connection.model<ProfileSelectionDocument>('ProfileSelection', schema, 'profile_selections');
