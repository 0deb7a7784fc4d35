import type { Configuration, OidcClient } from 'oidc-provider';
import type { OidcSettings } from '../config/schema.ts';
import type { KeySetRecord, Store } from '../domain/store.ts';
import { CLAIMS_BY_SCOPE, SCOPES } from './claims.ts';
import { CookieKeys } from './cookie-keys.ts';
import { clientBasedCors, introspectionAllowed, revocationAllowed } from './endpoint-policies.ts';
import { findAccount } from './find-account.ts';
import { loadExistingGrant } from './first-party-grant.ts';
import { kiltInteractionPolicy } from './interaction-policy.ts';
import { providerPages } from './pages.ts';
import { lifetimes } from './lifetimes.ts';
import type { OrganizationClaimSource } from './organization-claim.ts';
import { pairwiseIdentifier } from './pairwise.ts';
import { resourceServerInfo } from './resource-servers.ts';
import { resourceTokenClaims } from './resource-token-claims.ts';
import { adapterWithStoredClients } from './stored-clients-adapter.ts';

export interface ProviderSetup {
  readonly issuer: string;
  readonly oidc: OidcSettings;
  readonly store: Store;
  readonly keys: KeySetRecord;
  readonly organizationClaim: OrganizationClaimSource;
  /**
   * Outbound requests (back-channel logout, client JWKS); oidc-provider's own fetch otherwise, which refuses
   * loopback and private addresses (SSRF protection). Tests pass one that reaches their local receivers.
   */
  readonly fetch?: OutboundFetch;
}

export type OutboundFetch = (url: string, options: RequestInit & { dispatcher?: unknown }) => Promise<Response>;

/** The interactions (sign-in screens) live at /interaction/:uid, served by Kilt's own routes. */
const interactionUrl = (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`;

export function providerConfiguration(setup: ProviderSetup): Configuration {
  const { oidc, store, keys, organizationClaim } = setup;
  const cookie = { httpOnly: true, sameSite: 'lax', secure: setup.issuer.startsWith('https://') };
  return {
    adapter: adapterWithStoredClients(store),
    findAccount: findAccount(store.users, organizationClaim),
    // oidc-provider completes the keys it is given in place; the stored record stays untouched.
    jwks: { keys: structuredClone(keys.signingKeys) },
    cookies: { keys: new CookieKeys(keys.cookieKeys), long: cookie, short: cookie },
    claims: structuredClone(CLAIMS_BY_SCOPE),
    scopes: [...SCOPES],
    acrValues: [oidc.acr],
    // A client may ask for a profile (DESIGN.md, Sign-in step 4); oidc-provider drops parameters it does not know.
    extraParams: ['profile_hint'],
    // Relying parties read iin, organization and the names from the ID token too, not only from userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: (_ctx: unknown, client: OidcClient) => client.clientAuthMethod === 'none' },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: pairwiseIdentifier(oidc.pairwiseSalt),
    rotateRefreshToken: true,
    loadExistingGrant: loadExistingGrant(store.clients),
    extraTokenClaims: resourceTokenClaims(store.users, organizationClaim),
    clientBasedCORS: clientBasedCors,
    interactions: { url: interactionUrl, policy: kiltInteractionPolicy(store, { sessionTtlSeconds: oidc.ttl.session }) },
    renderError: providerPages.renderError,
    discovery: { ui_locales_supported: ['ru', 'kk', 'en'] },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: providerPages.logoutSource, postLogoutSuccessSource: providerPages.postLogoutSuccessSource },
      backchannelLogout: { enabled: true },
      revocation: { enabled: true, allowedPolicy: revocationAllowed },
      introspection: { enabled: true, allowedPolicy: introspectionAllowed },
      resourceIndicators: { enabled: true, getResourceServerInfo: resourceServerInfo(oidc.resourceServers, oidc.ttl.accessToken) },
    },
    ttl: lifetimes(oidc.ttl),
    ...(setup.fetch ? { fetch: setup.fetch } : {}),
  };
}
