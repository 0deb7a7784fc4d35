import { type Connection, type Model, Schema } from 'mongoose';
import type { ProfilePolicy } from '../../../domain/store.ts';

export interface ClientDocument {
  /** The client_id. */
  _id: string;
  metadata: Record<string, unknown>;
  firstParty: boolean;
  profilePolicy: ProfilePolicy;
  profileTypes: ('individual' | 'legal_entity')[];
}

const POLICIES: readonly ProfilePolicy[] = ['membership', 'certificate'];

const schema = new Schema<ClientDocument>(
  {
    _id: { type: String, required: true },
    metadata: { type: Schema.Types.Mixed, required: true },
    firstParty: { type: Boolean, required: true },
    profilePolicy: { type: String, enum: POLICIES, required: true },
    profileTypes: { type: [{ type: String, enum: ['individual', 'legal_entity'] }], required: true },
  },
  // oidc-provider metadata may hold empty objects (e.g. jwks without keys); they must come back as they went in.
  { versionKey: false, minimize: false },
);

export const clientModel = (connection: Connection): Model<ClientDocument> => connection.model<ClientDocument>('Client', schema, 'clients');
