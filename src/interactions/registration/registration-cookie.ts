import type Koa from 'koa';
import { REGISTRATION_TTL_MS } from '../../domain/registration/dependencies.ts';

const COOKIE = 'kilt.registration';

/** The id of this browser's registration, in a signed HttpOnly cookie: the wizard's state itself lives in the store. */
export function registrationId(ctx: Koa.Context): string | undefined {
  return ctx.cookies.get(COOKIE, { signed: true }) || undefined;
}

export function rememberRegistration(ctx: Koa.Context, id: string): void {
  ctx.cookies.set(COOKIE, id, { signed: true, httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/register', maxAge: REGISTRATION_TTL_MS });
}

export function forgetRegistration(ctx: Koa.Context): void {
  ctx.cookies.set(COOKIE, null, { signed: true, path: '/register' });
}
