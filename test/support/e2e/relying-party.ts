// The relying party's two ends of a code flow seen from a real browser: the authorization request it sends the person
// to, and its redirect URI, which the browser never really reaches (the client's host does not exist).
import * as oidc from 'openid-client';
import type { Page } from 'playwright-core';

export interface CodeFlow {
  readonly url: URL;
  redeem(callback: URL): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
}

/** A public client with PKCE, asking for what the portals read: who the person is and which profile they act in. */
export async function codeFlow(issuer: string, client: { clientId: string; redirectUri: string }): Promise<CodeFlow> {
  const config = await oidc.discovery(new URL(issuer), client.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: client.redirectUri, scope: 'openid profile iin organization', state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  return { url, redeem: (callback) => oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }) };
}

/** The client's host answers with a blank page, so the browser can land on the redirect URI. */
export async function serveRedirectUri(page: Page, redirectUri: string): Promise<void> {
  const { hostname } = new URL(redirectUri);
  await page.route((url) => url.hostname === hostname, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>client</title>' }));
}

/** Where the browser lands once Kilt sends it back to the client (with the code, or an error). */
export async function redirectedBack(page: Page, redirectUri: string): Promise<URL> {
  const { hostname } = new URL(redirectUri);
  await page.waitForURL((url) => url.hostname === hostname);
  return new URL(page.url());
}
