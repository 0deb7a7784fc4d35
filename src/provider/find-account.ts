import type { KoaContextWithOIDC, OidcToken } from 'oidc-provider';
import type { UserRepository } from '../domain/store.ts';
import type { OrganizationClaimSource } from './organization-claim.ts';
import { personClaims } from './person-claims.ts';

function wantsOrganization(scope: string, requested: Readonly<Record<string, unknown>> | undefined): boolean {
  return scope.split(' ').includes('organization') || requested?.['organization'] !== undefined;
}

/** oidc-provider's findAccount over `store.users`; the `organization` claim comes from the chosen profile. */
export function findAccount(users: UserRepository, organizationClaim: OrganizationClaimSource) {
  return async (ctx: KoaContextWithOIDC, sub: string, token: OidcToken | undefined) => {
    const user = await users.findById(sub);
    if (!user) return undefined;
    return {
      accountId: user.id,
      async claims(_use: string, scope: string, requested?: Readonly<Record<string, unknown>>) {
        const claims = personClaims(user);
        if (!wantsOrganization(scope, requested)) return claims;
        const organization = await organizationClaim({
          user,
          clientId: token?.clientId ?? ctx.oidc.client?.clientId,
          grantId: token?.grantId,
          sessionUid: token?.sessionUid ?? ctx.oidc.session?.uid,
        });
        return organization ? { ...claims, organization } : claims;
      },
    };
  };
}
