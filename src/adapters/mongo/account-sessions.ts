import type { Model } from 'mongoose';
import type { AccountSession } from '../../domain/store.ts';
import { accountSession, latestSignInFirst, sessionGrantIds } from '../store-shared/account-sessions.ts';
import type { Clock } from '../store-shared/clock.ts';
import { GRANT_BOUND_MODELS } from '../store-shared/oidc-models.ts';
import type { OidcPayloadDocument } from './models/oidc-payload.ts';
import { live } from './oidc-adapter.ts';

type StoredPayload = Pick<OidcPayloadDocument, '_id' | 'payload'>;

/** One account's sessions and the grants its tokens were issued under, found through the kind + payload.accountId index. */
export function mongoAccountSessions(payloads: Model<OidcPayloadDocument>, clock: Clock) {
  const sessionsWhere = (filter: Record<string, unknown>) =>
    payloads.find({ kind: 'Session', ...filter, ...live(clock()) }, { payload: 1 }).lean<StoredPayload[]>();

  /** The grants of the account's live tokens in a session, at one client or at all: an account holds few tokens. */
  const issuedGrantIds = async (query: { accountId: string; sessionUid: string; clientId?: string }): Promise<string[]> => {
    const grantIds: unknown[] = await payloads.distinct('payload.grantId', {
      kind: { $in: GRANT_BOUND_MODELS },
      'payload.accountId': query.accountId,
      'payload.sessionUid': query.sessionUid,
      ...(query.clientId === undefined ? {} : { 'payload.clientId': query.clientId }),
      ...live(clock()),
    });
    return grantIds.filter((grantId): grantId is string => typeof grantId === 'string');
  };

  return {
    async sessionsOf(accountId: string): Promise<AccountSession[]> {
      const documents = await sessionsWhere({ 'payload.accountId': accountId });
      return documents.flatMap((document) => accountSession(document.payload) ?? []).sort(latestSignInFirst);
    },

    async endSession(accountId: string, sessionUid: string): Promise<AccountSession | null> {
      const ended = await sessionsWhere({ 'payload.accountId': accountId, 'payload.uid': sessionUid });
      const session = ended.length === 0 ? null : accountSession(ended[0]!.payload);
      if (!session) return null;
      // A client's own logout drops it from the session but keeps an offline grant: its tokens still name the session.
      const issued = await issuedGrantIds({ accountId, sessionUid });
      const named = [...new Set([...ended.flatMap((document) => sessionGrantIds(document.payload)), ...issued])];
      // Only the account's own grants: the session names them, the grant documents confirm whose they are.
      const grants = named.length === 0
        ? []
        : await payloads.find({ _id: { $in: named.map((grantId) => `Grant:${grantId}`) }, 'payload.accountId': accountId }, { payload: 1 }).lean<StoredPayload[]>();
      if (grants.length > 0) {
        await payloads.deleteMany({
          $or: [
            { _id: { $in: grants.map((grant) => grant._id) } },
            { kind: { $in: GRANT_BOUND_MODELS }, 'payload.grantId': { $in: grants.map((grant) => grant.payload['jti']) } },
          ],
        });
      }
      await payloads.deleteMany({ _id: { $in: ended.map((document) => document._id) } });
      return session;
    },

    tokenGrantIds: (query: { accountId: string; sessionUid: string; clientId: string }): Promise<string[]> => issuedGrantIds(query),
  };
}
