import { type Connection, type Model, Schema } from 'mongoose';

export interface KeySetDocument {
  /** Always KEY_SET_ID: Kilt has one key set. */
  _id: string;
  signingKeys: Record<string, unknown>[];
  cookieKeys: string[];
  revision: number;
}

export const KEY_SET_ID = 'current';

const schema = new Schema<KeySetDocument>(
  {
    _id: { type: String, required: true },
    signingKeys: { type: Schema.Types.Mixed, required: true },
    cookieKeys: { type: [String], required: true },
    revision: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);

export const keySetModel = (connection: Connection): Model<KeySetDocument> => connection.model<KeySetDocument>('KeySet', schema, 'keys');
