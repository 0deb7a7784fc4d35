import { createHash, randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { sameSecret } from '../domain/same-secret.ts';
import type { LiveProvider } from '../provider/live-provider.ts';
import { ACCOUNT_CLIENT_ID } from './account-client.ts';
import { forgetCabinet, rememberCabinet } from './cabinet-session.ts';

const PENDING = 'kilt.account.pending';
const pendingSchema = z.object({ state: z.string(), verifier: z.string() });

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * The cabinet signs in through the provider as its own client (code flow with PKCE and state). The code never leaves
 * this process: the callback redeems it against the provider's store, checking everything the token endpoint would.
 * `?switch=profile` asks for the profile again; `?switch=login` for a new sign-in (with another key, e.g. a company's).
 */
export function cabinetSignInRoutes(router: Router, deps: { readonly provider: LiveProvider; readonly issuer: string }): void {
  const redirectUri = `${deps.issuer}/account/callback`;

  router.get('/login', (ctx) => {
    const state = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    ctx.cookies.set(PENDING, JSON.stringify({ state, verifier }), { signed: true, httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/account', maxAge: 30 * 60_000 });
    const prompt = ctx.query['switch'] === 'login' ? 'login' : ctx.query['switch'] === 'profile' ? 'profile' : undefined;
    const hint = typeof ctx.query['profile_hint'] === 'string' && /^(individual|\d{12})$/.test(ctx.query['profile_hint']) ? ctx.query['profile_hint'] : undefined;
    ctx.redirect(`/auth?${new URLSearchParams({
      client_id: ACCOUNT_CLIENT_ID,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      state,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      ...(prompt ? { prompt } : {}),
      ...(hint ? { profile_hint: hint } : {}),
      ...(typeof ctx.query['ui_locales'] === 'string' ? { ui_locales: ctx.query['ui_locales'] } : {}),
    })}`);
  });

  router.get('/callback', async (ctx) => {
    const pending = pendingSchema.safeParse(JSON.parse(ctx.cookies.get(PENDING, { signed: true }) ?? 'null'));
    ctx.cookies.set(PENDING, null, { signed: true, path: '/account' });
    const { code, state } = ctx.query;
    if (!pending.success || typeof state !== 'string' || !sameSecret(pending.data.state, state) || typeof code !== 'string') {
      ctx.redirect('/account/login');
      return;
    }
    const issued = await deps.provider.current.AuthorizationCode.find(code);
    const valid = issued && !issued.isExpired && !issued.consumed && issued.clientId === ACCOUNT_CLIENT_ID
      && issued.redirectUri === redirectUri && issued.codeChallengeMethod === 'S256' && issued.codeChallenge === s256(pending.data.verifier)
      && issued.sessionUid;
    if (!valid) {
      ctx.redirect('/account/login');
      return;
    }
    await issued.consume();
    rememberCabinet(ctx, issued.sessionUid!);
    ctx.redirect('/account');
  });
}

/** Leaving the cabinet leaves Kilt: RP-initiated logout ends the provider session (after its confirmation page). */
export function cabinetLogout(ctx: Koa.Context, issuer: string): void {
  forgetCabinet(ctx);
  ctx.redirect(`/session/end?${new URLSearchParams({ client_id: ACCOUNT_CLIENT_ID, post_logout_redirect_uri: `${issuer}/account/signed-out` })}`);
}
