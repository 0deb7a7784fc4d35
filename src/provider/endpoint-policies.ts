import type { KoaContextWithOIDC, OidcClient, OidcToken } from 'oidc-provider';

/**
 * Browsers may call the token endpoint only for public clients (SPAs) and userinfo for any client, and only from
 * the origins of the client's redirect URIs; confidential clients talk to Kilt from their servers.
 */
export function clientBasedCors(ctx: KoaContextWithOIDC, origin: string, client: OidcClient): boolean {
  if (origin === 'null') return false;
  if (ctx.oidc.route !== 'userinfo' && client.clientAuthMethod !== 'none') return false;
  return client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin);
}

/** A public client may introspect only its own tokens; a confidential one (a resource server) any token. */
export async function introspectionAllowed(ctx: KoaContextWithOIDC, client: OidcClient, token: OidcToken): Promise<boolean> {
  return client.clientAuthMethod !== 'none' || token.clientId === ctx.oidc.client?.clientId;
}

/** Only the client a token was issued to may revoke it. */
export async function revocationAllowed(_ctx: KoaContextWithOIDC, client: OidcClient, token: OidcToken): Promise<boolean> {
  return token.clientId === client.clientId;
}
