import { errors } from 'oidc-provider';

/** What a resource server may learn about the person from its access token (see resource-token-claims.ts). */
export const RESOURCE_SERVER_SCOPE = 'iin organization';

/**
 * Resource indicators (RFC 8707) name the configured resource servers only (KILT_RESOURCE_SERVERS); each gets
 * ES256-signed JWT access tokens (RFC 9068) with itself as the audience.
 */
export function resourceServerInfo(resourceServers: readonly string[], accessTokenTTL: number) {
  const known = new Set(resourceServers);
  return async (_ctx: unknown, resourceIndicator: string) => {
    if (!known.has(resourceIndicator)) throw new errors.InvalidTarget();
    return {
      scope: RESOURCE_SERVER_SCOPE,
      audience: resourceIndicator,
      accessTokenTTL,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    };
  };
}
