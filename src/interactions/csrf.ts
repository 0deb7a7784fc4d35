import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { sameSecret } from '../domain/same-secret.ts';

const COOKIE = 'kilt.csrf';

/**
 * Double-submit token: a random value in a signed, HttpOnly cookie and in a hidden field of each form. The cookie is
 * signed with the provider's cookie keys, which every Kilt process shares through the store.
 */
export function csrfToken(ctx: Koa.Context): string {
  const existing = ctx.cookies.get(COOKIE, { signed: true });
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  ctx.cookies.set(COOKIE, token, { signed: true, httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/' });
  return token;
}

export function csrfValid(ctx: Koa.Context, submitted: unknown): boolean {
  const expected = ctx.cookies.get(COOKIE, { signed: true });
  if (!expected || typeof submitted !== 'string') return false;
  return sameSecret(expected, submitted);
}
