// Stands in for the sign-in screens (not built yet): every interaction signs in the given account at once, and
// grants whatever consent is asked. It exercises the provider's side of the contract the screens will use.
import type Koa from 'koa';
import type { Grant } from 'oidc-provider';
import { INDIVIDUAL_NAME, type Profile } from '../../../src/domain/sign-in/profiles.ts';
import { SIGN_IN_AMR } from '../../../src/provider/claims.ts';
import type { LiveProvider } from '../../../src/provider/live-provider.ts';

export interface TestSignInOptions {
  readonly accountId: () => string;
  readonly acr: string;
  /** The profile the profile prompt is answered with (individual by default); the provider records it for the session. */
  readonly chooseProfile?: () => Profile | undefined;
  /** Receives the authorization parameters of each interaction, as the screens will see them. */
  readonly seen?: (parameters: Readonly<Record<string, unknown>>) => void;
}

const INDIVIDUAL_PROFILE: Profile = { type: 'individual', bin: null, name: INDIVIDUAL_NAME, roles: [] };

interface ConsentDetails {
  readonly missingOIDCScope?: readonly string[];
  readonly missingOIDCClaims?: readonly string[];
  readonly missingResourceScopes?: Readonly<Record<string, readonly string[]>>;
}

export function testSignIn(live: LiveProvider, options: TestSignInOptions): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const provider = live.current;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.respond = false;
    options.seen?.(details.params);
    if (details.prompt.name === 'profile') {
      const profile = options.chooseProfile?.() ?? INDIVIDUAL_PROFILE;
      return provider.interactionFinished(ctx.req, ctx.res, { profile }, { mergeWithLastSubmission: true });
    }
    if (details.prompt.name === 'login') {
      const login = { accountId: options.accountId(), amr: [...SIGN_IN_AMR], acr: options.acr };
      return provider.interactionFinished(ctx.req, ctx.res, { login }, { mergeWithLastSubmission: false });
    }
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as ConsentDetails;
    const grant: Grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params['client_id']) });
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    return provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };
}
