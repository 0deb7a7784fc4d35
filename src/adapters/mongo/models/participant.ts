import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from '../../../domain/store.ts';

export interface ParticipantDocument {
  /** ObjectIds grow within a process, which orders participants created in the same millisecond. */
  _id: Types.ObjectId;
  organizationBin: string;
  iin: string;
  role: string;
  status: ParticipantStatus;
  createdAt: Date;
  updatedAt: Date;
}

export const PARTICIPANT_PAIR_INDEX = 'participants_organization_iin_unique';
export const PARTICIPANT_LISTING_INDEX = 'participants_organization_changed';

const schema = new Schema<ParticipantDocument>(
  {
    organizationBin: { type: String, required: true },
    iin: { type: String, required: true },
    role: { type: String, required: true },
    status: { type: String, enum: PARTICIPANT_STATUSES, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ organizationBin: 1, iin: 1 }, { unique: true, name: PARTICIPANT_PAIR_INDEX });
// «Участники ЮЛ» pages through thousands of one company's participants, last changed first.
schema.index({ organizationBin: 1, updatedAt: -1, _id: -1 }, { name: PARTICIPANT_LISTING_INDEX });
// Counting a company's registered administrators reads only their entries.
schema.index({ organizationBin: 1, role: 1, status: 1 }, { name: 'participants_organization_role_status' });
schema.index({ iin: 1 }, { name: 'participants_iin' });

export const participantModel = (connection: Connection): Model<ParticipantDocument> =>
  connection.model<ParticipantDocument>('Participant', schema, 'participants');
