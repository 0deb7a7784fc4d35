import { type Connection, type Model, Schema, type Types } from 'mongoose';

export interface AuditEventDocument {
  _id: Types.ObjectId;
  at: Date;
  type: string;
  userId: string | null;
  ip: string | null;
  organizationBin: string | null;
  details: Record<string, string | number | boolean | null>;
}

const schema = new Schema<AuditEventDocument>(
  {
    at: { type: Date, required: true },
    type: { type: String, required: true },
    userId: { type: String, default: null },
    ip: { type: String, default: null },
    organizationBin: { type: String, default: null },
    details: { type: Schema.Types.Mixed, required: true },
  },
  // An event without details keeps its empty object instead of losing the field.
  { versionKey: false, minimize: false },
);
schema.index({ userId: 1, at: -1, _id: -1 }, { name: 'audit_events_user_at' });
schema.index({ organizationBin: 1, at: -1, _id: -1 }, { name: 'audit_events_organization_at' });

export const auditEventModel = (connection: Connection): Model<AuditEventDocument> =>
  connection.model<AuditEventDocument>('AuditEvent', schema, 'audit_events');
