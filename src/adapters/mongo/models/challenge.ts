import { type Connection, type Model, Schema } from 'mongoose';

export interface ChallengeDocument {
  _id: string;
  value: Buffer;
  binding: string;
  expiresAt: Date;
}

const schema = new Schema<ChallengeDocument>(
  {
    _id: { type: String, required: true },
    value: { type: Buffer, required: true },
    binding: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'challenges_ttl' });

export const challengeModel = (connection: Connection): Model<ChallengeDocument> =>
  connection.model<ChallengeDocument>('Challenge', schema, 'challenges');
