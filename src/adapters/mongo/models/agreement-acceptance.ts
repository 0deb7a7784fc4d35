import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { AcceptanceMethod } from '../../../domain/store.ts';

export interface AgreementAcceptanceDocument {
  _id: Types.ObjectId;
  userId: string;
  version: number;
  method: AcceptanceMethod;
  acceptedAt: Date;
  evidence: string | null;
}

const METHODS: readonly AcceptanceMethod[] = ['click', 'signature'];

const schema = new Schema<AgreementAcceptanceDocument>(
  {
    userId: { type: String, required: true },
    version: { type: Number, required: true },
    method: { type: String, enum: METHODS, required: true },
    acceptedAt: { type: Date, required: true },
    evidence: { type: String, default: null },
  },
  { versionKey: false },
);
schema.index({ userId: 1, version: -1 }, { name: 'agreement_acceptances_user_version' });
schema.index({ userId: 1, acceptedAt: 1, _id: 1 }, { name: 'agreement_acceptances_user_accepted' });

export const agreementAcceptanceModel = (connection: Connection): Model<AgreementAcceptanceDocument> =>
  connection.model<AgreementAcceptanceDocument>('AgreementAcceptance', schema, 'agreement_acceptances');
