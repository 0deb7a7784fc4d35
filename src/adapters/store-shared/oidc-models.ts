/**
 * The oidc-provider models whose payloads carry the grantId they were issued under; revoking a grant removes all of
 * them, whichever model's adapter is asked (as oidc-provider's own memory adapter does). Interaction payloads also
 * carry a grantId but are not tokens of the grant, so they survive.
 */
export const GRANT_BOUND_MODELS: readonly string[] = [
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
];

/** The models that hold an account's sign-in: ending its sessions removes them and the tokens of its grants. */
export const ACCOUNT_MODELS: readonly string[] = ['Session', 'Grant'];

/** oidc-provider passes no TTL for models configured to live until destroyed. */
export function expiryOf(now: Date, expiresIn: number | undefined): Date | null {
  return typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? new Date(now.getTime() + expiresIn * 1000) : null;
}
