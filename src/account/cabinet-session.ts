import type Koa from 'koa';
import type { Profile } from '../domain/sign-in/profiles.ts';
import type { Store, UserRecord } from '../domain/store.ts';
import type { LiveProvider } from '../provider/live-provider.ts';
import { ACCOUNT_CLIENT_ID } from './account-client.ts';

const COOKIE = 'kilt.account';
/** Idle time after which the cabinet asks for a sign-in again; every page view extends it. */
export const CABINET_IDLE_MS = 60 * 60_000;

/** Who is in the cabinet and as whom: the provider session it was signed in with and the profile chosen there. */
export interface Cabinet {
  readonly sessionUid: string;
  readonly user: UserRecord;
  readonly profile: Profile;
}

export function rememberCabinet(ctx: Koa.Context, sessionUid: string): void {
  ctx.cookies.set(COOKIE, sessionUid, { signed: true, httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/account', maxAge: CABINET_IDLE_MS });
}

export function forgetCabinet(ctx: Koa.Context): void {
  ctx.cookies.set(COOKIE, null, { signed: true, path: '/account' });
}

/**
 * The cabinet of this browser, or null: the cookie names a provider session, which must still exist (a sign-out,
 * a password reset or an administrator's exclusion ends it everywhere at once) and must have a profile chosen for
 * the cabinet.
 */
export async function openCabinet(ctx: Koa.Context, deps: { readonly provider: LiveProvider; readonly store: Store }): Promise<Cabinet | null> {
  const sessionUid = ctx.cookies.get(COOKIE, { signed: true });
  if (!sessionUid) return null;
  const session = await deps.provider.current.Session.findByUid(sessionUid);
  const accountId = session?.accountId;
  if (!accountId) return null;
  const [user, profile] = await Promise.all([
    deps.store.users.findById(accountId),
    deps.store.profileSelections.find(sessionUid, ACCOUNT_CLIENT_ID),
  ]);
  if (!user || !profile) return null;
  rememberCabinet(ctx, sessionUid);
  return { sessionUid, user, profile };
}
