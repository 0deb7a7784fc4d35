import type { KoaContextWithOIDC, OidcClient, OidcToken } from 'oidc-provider';
import type { OidcSettings } from '../config/schema.ts';

/** Token, session and interaction lifetimes in seconds (KILT_TTL_*). */
export function lifetimes(ttl: OidcSettings['ttl']) {
  return {
    AccessToken: (_ctx: unknown, token: OidcToken & { resourceServer?: { accessTokenTTL?: number } }) =>
      token.resourceServer?.accessTokenTTL ?? ttl.accessToken,
    AuthorizationCode: ttl.authorizationCode,
    IdToken: ttl.idToken,
    RefreshToken(ctx: KoaContextWithOIDC | undefined, token: OidcToken, client: OidcClient) {
      // A browser app's rotated token keeps the remaining lifetime: a stolen one cannot be renewed forever.
      const rotated = ctx?.oidc?.entities['RotatedRefreshToken'] as OidcToken | undefined;
      if (rotated && client.applicationType === 'web' && client.clientAuthMethod === 'none' && !token.isSenderConstrained?.()) {
        return rotated.remainingTTL ?? ttl.refreshToken;
      }
      return ttl.refreshToken;
    },
    Session: ttl.session,
    Grant: ttl.grant,
    Interaction: ttl.interaction,
  };
}
