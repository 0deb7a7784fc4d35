import { z } from 'zod';
import type { AccountSession } from '../../domain/store.ts';

/** The part of oidc-provider's Session payload the cabinet reads; the rest is the provider's business. */
const sessionPayloadSchema = z.looseObject({
  uid: z.string(),
  iat: z.number(),
  loginTs: z.number().optional(),
  exp: z.number().optional(),
  authorizations: z.record(z.string(), z.looseObject({ grantId: z.string().optional() })).optional(),
});

const fromEpoch = (seconds: number) => new Date(seconds * 1000);

/** Null for a payload that is not a session oidc-provider wrote (nothing to show, nothing to end by it). */
export function accountSession(payload: Record<string, unknown>): AccountSession | null {
  const parsed = sessionPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { uid, iat, loginTs, exp, authorizations } = parsed.data;
  return {
    uid,
    startedAt: fromEpoch(iat),
    signedInAt: fromEpoch(loginTs ?? iat),
    expiresAt: exp === undefined ? null : fromEpoch(exp),
    clientIds: Object.keys(authorizations ?? {}),
  };
}

/** The grants the session's clients were given: ending the session ends them. */
export function sessionGrantIds(payload: Record<string, unknown>): string[] {
  const parsed = sessionPayloadSchema.safeParse(payload);
  if (!parsed.success) return [];
  return Object.values(parsed.data.authorizations ?? {}).flatMap((authorization) => (authorization.grantId ? [authorization.grantId] : []));
}

export const latestSignInFirst = (a: AccountSession, b: AccountSession): number =>
  b.signedInAt.getTime() - a.signedInAt.getTime() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
