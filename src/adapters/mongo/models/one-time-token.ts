import { type Connection, type Model, Schema } from 'mongoose';
import type { OneTimeTokenPurpose } from '../../../domain/store.ts';

export interface OneTimeTokenDocument {
  _id: string;
  purpose: OneTimeTokenPurpose;
  userId: string;
  expiresAt: Date;
  /** An e-mail change's addresses; absent for the other purposes. */
  newEmail?: string;
  oldEmail?: string;
}

const PURPOSES: readonly OneTimeTokenPurpose[] = ['password_reset', 'email_confirmation', 'email_change'];

const schema = new Schema<OneTimeTokenDocument>(
  {
    _id: { type: String, required: true },
    purpose: { type: String, required: true, enum: PURPOSES },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    newEmail: { type: String },
    oldEmail: { type: String },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'one_time_tokens_ttl' });
schema.index({ userId: 1, purpose: 1 }, { name: 'one_time_tokens_user' });

export const oneTimeTokenModel = (connection: Connection): Model<OneTimeTokenDocument> =>
  connection.model<OneTimeTokenDocument>('OneTimeToken', schema, 'one_time_tokens');
