/**
 * Scope → claims, as DESIGN.md's Tokens section; oidc-provider releases a claim only for a granted scope. How the
 * person signed in (acr, amr, auth_time) rides on `openid`, so every ID token says it; the `null` entries are
 * oidc-provider's standalone claims, released when asked for by name.
 */
export const CLAIMS_BY_SCOPE = {
  sid: null,
  iss: null,
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  profile: ['name', 'family_name', 'given_name', 'middle_name', 'locale'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  iin: ['iin'],
  organization: ['organization'],
} as const satisfies Record<string, readonly string[] | null>;

export const SCOPES = [
  ...Object.entries(CLAIMS_BY_SCOPE).flatMap(([scope, claims]) => (claims ? [scope] : [])),
  'offline_access',
];

/** What a Kilt sign-in proves: a password and an NCA RK electronic signature (RFC 8176 `pwd`, Kilt's `eds`). */
export const SIGN_IN_AMR: readonly string[] = ['pwd', 'eds'];
