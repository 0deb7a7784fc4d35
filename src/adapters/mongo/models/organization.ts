import { type Connection, type Model, Schema, type Types } from 'mongoose';

export interface OrganizationDocument {
  _id: Types.ObjectId;
  bin: string;
  name: string;
  createdAt: Date;
}

const schema = new Schema<OrganizationDocument>(
  {
    bin: { type: String, required: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ bin: 1 }, { unique: true, name: 'organizations_bin_unique' });

export const organizationModel = (connection: Connection): Model<OrganizationDocument> =>
  connection.model<OrganizationDocument>('Organization', schema, 'organizations');
