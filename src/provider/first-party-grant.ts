import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ClientRepository } from '../domain/store.ts';

/**
 * First-party clients skip consent: their grant is extended to what they ask for, so the consent prompt finds
 * nothing missing. Removing the consent prompt instead causes redirect loops (oidc-provider issue #492).
 */
export function loadExistingGrant(clients: ClientRepository) {
  return async (ctx: KoaContextWithOIDC) => {
    const { client, session, result, provider } = ctx.oidc;
    if (!client || !session) return undefined;
    const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const existing = grantId ? await provider.Grant.find(grantId) : undefined;
    if (!session.accountId || !(await clients.find(client.clientId))?.firstParty) return existing;
    const grant = existing ?? new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    if (ctx.oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    for (const [resource, server] of Object.entries(ctx.oidc.resourceServers ?? {})) grant.addResourceScope(resource, server.scope);
    await grant.save();
    return grant;
  };
}
