import type { Model } from 'mongoose';
import type { Store } from '../../domain/store.ts';
import { GRANT_BOUND_MODELS } from '../store-shared/oidc-models.ts';
import type { OidcPayloadDocument } from './models/oidc-payload.ts';

/** Found through the kind + payload.accountId index: an account holds few tokens, the session and client sift them. */
export function mongoTokenGrantIds(payloads: Model<OidcPayloadDocument>): Store['tokenGrantIds'] {
  return async ({ accountId, sessionUid, clientId }) => {
    const grantIds: unknown[] = await payloads.distinct('payload.grantId', {
      kind: { $in: GRANT_BOUND_MODELS },
      'payload.accountId': accountId,
      'payload.sessionUid': sessionUid,
      'payload.clientId': clientId,
    });
    return grantIds.filter((grantId): grantId is string => typeof grantId === 'string');
  };
}
