import type { Model } from 'mongoose';
import type { OidcAdapter } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { ACCOUNT_MODELS, expiryOf, GRANT_BOUND_MODELS } from '../store-shared/oidc-models.ts';
import type { OidcPayloadDocument } from './models/oidc-payload.ts';

type Payload = Record<string, unknown>;

/** The TTL monitor deletes expired documents only once a minute, so every read also filters them out. */
export const live = (now: Date) => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });

export function mongoOidcAdapter(payloads: Model<OidcPayloadDocument>, clock: Clock): new (modelName: string) => OidcAdapter {
  const findPayload = async (filter: Record<string, unknown>): Promise<Payload | undefined> => {
    const document = await payloads.findOne({ ...filter, ...live(clock()) }).lean<OidcPayloadDocument>();
    return document?.payload;
  };

  return class MongoOidcAdapter implements OidcAdapter {
    readonly #kind: string;

    constructor(modelName: string) {
      this.#kind = modelName;
    }

    #key(id: string): string {
      return `${this.#kind}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn: number) {
      await payloads.updateOne(
        { _id: this.#key(id) },
        { $set: { kind: this.#kind, payload, expiresAt: expiryOf(clock(), expiresIn) } },
        { upsert: true },
      );
    }

    async find(id: string) {
      return findPayload({ _id: this.#key(id) });
    }

    async findByUserCode(userCode: string) {
      return findPayload({ kind: this.#kind, 'payload.userCode': userCode });
    }

    async findByUid(uid: string) {
      return findPayload({ kind: this.#kind, 'payload.uid': uid });
    }

    async consume(id: string) {
      await payloads.updateOne({ _id: this.#key(id) }, { $set: { 'payload.consumed': Math.floor(clock().getTime() / 1000) } });
    }

    async destroy(id: string) {
      await payloads.deleteOne({ _id: this.#key(id) });
    }

    async revokeByGrantId(grantId: string) {
      await payloads.deleteMany({ 'payload.grantId': grantId, kind: { $in: GRANT_BOUND_MODELS } });
    }
  };
}

/** Sessions and grants of the account, and every token issued under those grants or to the account. */
export function mongoEndSessions(payloads: Model<OidcPayloadDocument>): (accountId: string, keep?: string) => Promise<void> {
  return async (accountId, keep) => {
    const grants = await payloads.find({ kind: 'Grant', 'payload.accountId': accountId }, { 'payload.jti': 1 }).lean<OidcPayloadDocument[]>();
    const grantIds = grants.map((grant) => grant.payload['jti']);
    await payloads.deleteMany({
      $or: [
        {
          kind: { $in: ACCOUNT_MODELS },
          'payload.accountId': accountId,
          ...(keep === undefined ? {} : { $nor: [{ kind: 'Session', 'payload.uid': keep }] }),
        },
        { kind: { $in: GRANT_BOUND_MODELS }, $or: [{ 'payload.grantId': { $in: grantIds } }, { 'payload.accountId': accountId }] },
      ],
    });
  };
}
