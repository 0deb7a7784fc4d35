import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import * as oidc from 'openid-client';
import { LruCache } from '../pki/lru.ts';
import { DEV_LINKS, escape } from './html.ts';

export const DEMO_CLIENT_ID = 'kilt-demo';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escape(title)}</title>
<link rel="stylesheet" href="/static/css/kilt.css"></head><body><main class="card"><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

/**
 * A relying party inside the development instance, at /demo: it signs in through Kilt like Keden would (code flow
 * with PKCE, openid-client) and shows what it received. Never mounted in production.
 */
export function demoClient(issuer: string): Koa.Middleware {
  const redirectUri = `${issuer}/demo/callback`;
  // PKCE verifiers by state; bounded, since abandoned sign-ins never come back for theirs.
  const pending = new LruCache<string, string>(500);
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () => (configuration ??= oidc.discovery(new URL(issuer), DEMO_CLIENT_ID, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] }));

  return async (ctx, next) => {
    if (ctx.path === '/demo') {
      ctx.type = 'html';
      ctx.body = page('Демо-портал', `<p>Портал, который доверяет вход Kilt (как Кеден или КНП).</p><p><a href="/demo/login"><button>Войти через Kilt</button></a></p>
<p class="hint">Нет учётной записи? Выберите на странице «Ключи NCALayer» ключ человека без неё и зарегистрируйтесь.</p>${DEV_LINKS}`);
    } else if (ctx.path === '/demo/login') {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = randomBytes(16).toString('base64url');
      pending.set(state, verifier);
      ctx.redirect(oidc.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri, scope: 'openid profile email iin organization', state,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      }).href);
    } else if (ctx.path === '/demo/callback') {
      const state = String(ctx.query['state'] ?? '');
      const verifier = pending.get(state);
      pending.delete(state);
      ctx.type = 'html';
      if (!verifier || ctx.query['error']) {
        ctx.status = 400;
        ctx.body = page('Вход не выполнен', `<p class="error">${escape(String(ctx.query['error'] ?? 'unknown state'))}</p><p><a href="/demo">Назад</a></p>`);
        return;
      }
      const tokens = await oidc.authorizationCodeGrant(await config(), new URL(ctx.href.replace(ctx.origin, issuer)), { pkceCodeVerifier: verifier, expectedState: state });
      const claims = tokens.claims();
      const userinfo = await oidc.fetchUserInfo(await config(), tokens.access_token, claims?.sub ?? '');
      ctx.body = page('Вы вошли', `<h2>ID token</h2><pre>${escape(JSON.stringify(claims, null, 2))}</pre><h2>userinfo</h2><pre>${escape(JSON.stringify(userinfo, null, 2))}</pre><p><a href="/demo">Назад</a></p>`);
    } else {
      await next();
    }
  };
}
