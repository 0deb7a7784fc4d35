import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { Locale } from '../../../pki/messages.ts';

export interface AgreementVersionDocument {
  _id: Types.ObjectId;
  version: number;
  texts: Record<Locale, string>;
  publishedAt: Date;
}

export const AGREEMENT_VERSION_INDEX = 'agreement_versions_version_unique';

const schema = new Schema<AgreementVersionDocument>(
  {
    version: { type: Number, required: true },
    texts: {
      ru: { type: String, required: true },
      kk: { type: String, required: true },
      en: { type: String, required: true },
    },
    publishedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Publishing claims the next number by inserting it; this index makes a concurrent claim of the same number fail.
schema.index({ version: 1 }, { unique: true, name: AGREEMENT_VERSION_INDEX });

export const agreementVersionModel = (connection: Connection): Model<AgreementVersionDocument> =>
  connection.model<AgreementVersionDocument>('AgreementVersion', schema, 'agreement_versions');
