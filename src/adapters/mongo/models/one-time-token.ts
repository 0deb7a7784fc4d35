import { type Connection, type Model, Schema } from 'mongoose';
import type { OneTimeTokenPurpose } from '../../../domain/store.ts';

export interface OneTimeTokenDocument {
  _id: string;
  purpose: OneTimeTokenPurpose;
  userId: string;
  expiresAt: Date;
}

const schema = new Schema<OneTimeTokenDocument>(
  {
    _id: { type: String, required: true },
    purpose: { type: String, required: true, enum: ['password_reset', 'email_confirmation'] },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'one_time_tokens_ttl' });

export const oneTimeTokenModel = (connection: Connection): Model<OneTimeTokenDocument> =>
  connection.model<OneTimeTokenDocument>('OneTimeToken', schema, 'one_time_tokens');
