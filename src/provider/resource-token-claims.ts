import type { OidcToken } from 'oidc-provider';
import type { UserRepository } from '../domain/store.ts';
import type { OrganizationClaimSource } from './organization-claim.ts';

/**
 * A resource server cannot call userinfo with its token, so its JWT access token carries what its scope grants:
 * the IIN and the profile the person acts in.
 */
export function resourceTokenClaims(users: UserRepository, organizationClaim: OrganizationClaimSource) {
  return async (_ctx: unknown, token: OidcToken) => {
    if (token.kind !== 'AccessToken' || !token.resourceServer || !token.accountId) return undefined;
    const scopes = new Set((token.scope ?? '').split(' '));
    if (!scopes.has('iin') && !scopes.has('organization')) return undefined;
    const user = await users.findById(token.accountId);
    if (!user) return undefined;
    const organization = scopes.has('organization')
      ? await organizationClaim({ user, clientId: token.clientId, grantId: token.grantId, sessionUid: token.sessionUid })
      : undefined;
    return { ...(scopes.has('iin') ? { iin: user.iin } : {}), ...(organization ? { organization } : {}) };
  };
}
