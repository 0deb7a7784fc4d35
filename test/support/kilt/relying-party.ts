// An OIDC relying party (openid-client 6) that runs the code flow with PKCE against a test Kilt.
import * as oidc from 'openid-client';
import { type Browser, browser } from './browser.ts';

export interface RelyingParty {
  readonly config: oidc.Configuration;
  /** The person's browser, with Kilt's session cookie once signed in. */
  readonly browser: Browser;
  /** Authorization request → (test sign-in) → callback → token request; returns the token response. */
  signIn(parameters?: Record<string, string>, tokenParameters?: Record<string, string>): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
  /** The authorization request's final redirect, without redeeming anything. */
  authorize(parameters?: Record<string, string>): Promise<URL>;
}

export interface RelyingPartyOptions {
  readonly clientId: string;
  readonly redirectUri: string;
  /** Absent: a public client (no secret, PKCE only). */
  readonly secret?: string;
}

export async function relyingParty(issuer: string, options: RelyingPartyOptions): Promise<RelyingParty> {
  const auth = options.secret ? oidc.ClientSecretBasic(options.secret) : oidc.None();
  const config = await oidc.discovery(new URL(issuer), options.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
  const agent = browser(issuer);
  let verifier = '';
  let state = '';
  const authorize = async (parameters: Record<string, string> = {}) => {
    verifier = oidc.randomPKCECodeVerifier();
    state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: options.redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...parameters,
    });
    return agent.authorize(url);
  };
  return {
    config,
    browser: agent,
    authorize,
    async signIn(parameters = {}, tokenParameters = {}) {
      const callback = await authorize(parameters);
      return oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }, tokenParameters);
    },
  };
}
