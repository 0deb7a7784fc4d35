import type { RevokeCompanyAccess } from '../domain/participants/company-access.ts';
import type { ProfileSelection, Store } from '../domain/store.ts';
import type { Logger } from '../server/logger.ts';
import type { LiveProvider } from './live-provider.ts';

export interface CompanyAccessDependencies {
  readonly provider: Pick<LiveProvider, 'current'>;
  readonly store: Pick<Store, 'profileSelections' | 'oidcAdapter' | 'tokenGrantIds'>;
  readonly logger: Logger;
}

type Delivery = 'notified' | 'not_registered' | 'unreachable';

/** A relying party whose session for the company ended, to be told over the back channel. */
interface EndedSignIn {
  readonly clientId: string;
  readonly sid: string;
}

/**
 * The provider side of an exclusion (DESIGN.md, «Участники ЮЛ»): each session's choice of the company at a client —
 * the cabinet (kilt-account) included — is dropped with the grant it was acting under, so that client's refresh
 * tokens fail at once; the session stays signed in, at that client no more. Clients registered for back-channel
 * logout are told with the sid of that sign-in; a session that already ended has no relying-party session left to
 * end, and a token without sid would sign the person out of their individual sessions there too.
 */
export function companyAccessRevoker(deps: CompanyAccessDependencies): RevokeCompanyAccess {
  const { store, logger } = deps;

  /** Selection first: a refresh racing the revocation then already finds no company to put in its tokens. */
  const endSelection = async (accountId: string, selection: ProfileSelection): Promise<EndedSignIn | null> => {
    const { sessionUid, clientId } = selection;
    await store.profileSelections.remove(sessionUid, clientId);
    const found = await deps.provider.current.Session.findByUid(sessionUid);
    const session = found?.accountId === accountId ? found : undefined;
    const authorization = session?.authorizations?.[clientId];
    const grantIds = new Set(await store.tokenGrantIds({ accountId, sessionUid, clientId }));
    if (authorization?.grantId) grantIds.add(authorization.grantId);
    const grants = new store.oidcAdapter('Grant');
    for (const grantId of grantIds) {
      await grants.revokeByGrantId(grantId);
      await grants.destroy(grantId);
    }
    if (!session?.authorizations || !authorization) return null;
    delete session.authorizations[clientId];
    await session.persist();
    return authorization.sid ? { clientId, sid: authorization.sid } : null;
  };

  /** Delivered or not, the exclusion stands: a failure is logged and reported for the audit log. */
  const tell = async (accountId: string, { clientId, sid }: EndedSignIn): Promise<Delivery> => {
    try {
      const client = await deps.provider.current.Client.find(clientId);
      if (!client?.backchannelLogoutUri) return 'not_registered';
      // oidc-provider puts the client's pairwise subject in the logout token, as in its ID tokens.
      await client.backchannelLogout(accountId, sid);
      return 'notified';
    } catch (error) {
      logger.warn({ err: error, client: clientId }, 'back-channel logout after an exclusion failed');
      return 'unreachable';
    }
  };

  return async ({ accountId, bin }) => {
    const selections = (await store.profileSelections.listByAccount(accountId)).filter(
      (selection) => selection.profile.type === 'legal_entity' && selection.profile.bin === bin,
    );
    const ended: EndedSignIn[] = [];
    let failed = 0;
    for (const selection of selections) {
      try {
        const signIn = await endSelection(accountId, selection);
        if (signIn) ended.push(signIn);
      } catch (error) {
        failed += 1;
        logger.error({ err: error, client: selection.clientId, bin }, 'a session acting for a company could not be ended after an exclusion');
      }
    }
    const deliveries = await Promise.all(ended.map((signIn) => tell(accountId, signIn)));
    const clientsWhere = (delivery: Delivery) => ended.filter((_, index) => deliveries[index] === delivery).map((signIn) => signIn.clientId);
    return { revoked: selections.length - failed, failed, notified: clientsWhere('notified'), unreachable: clientsWhere('unreachable') };
  };
}
