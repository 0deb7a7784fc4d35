import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Every oidc-provider model lives in this one collection, told apart by `kind`: a grant's tokens are then revoked by
 * one deleteMany, and one TTL index expires them all. (oidc-provider's former MongoDB example used a collection per
 * model; the query shapes are the same, with `kind` leading the secondary indexes.)
 */
export interface OidcPayloadDocument {
  /** `${kind}:${id}`, like oidc-provider's memory adapter keys. */
  _id: string;
  /** The oidc-provider model name: Session, AccessToken, Interaction, … */
  kind: string;
  /** As oidc-provider gave it; client ids become keys of Session payloads, so they must not contain '.' or start with '$'. */
  payload: Record<string, unknown>;
  /** null for models oidc-provider saves without a TTL. */
  expiresAt: Date | null;
}

const schema = new Schema<OidcPayloadDocument>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    expiresAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'oidc_ttl' });
schema.index({ kind: 1, 'payload.uid': 1 }, { name: 'oidc_kind_uid' });
schema.index({ kind: 1, 'payload.userCode': 1 }, { name: 'oidc_kind_user_code' });
schema.index({ 'payload.grantId': 1 }, { name: 'oidc_grant_id' });
schema.index({ kind: 1, 'payload.accountId': 1 }, { name: 'oidc_kind_account' });

export const oidcPayloadModel = (connection: Connection): Model<OidcPayloadDocument> =>
  connection.model<OidcPayloadDocument>('OidcPayload', schema, 'oidc');
