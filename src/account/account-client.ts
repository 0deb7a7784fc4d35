import type { ClientRecord } from '../domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../provider/client-registration.ts';

/** Kilt's own relying party: the personal cabinet signs people in through the provider like any portal. */
export const ACCOUNT_CLIENT_ID = 'kilt-account';

/**
 * First-party (no consent screen), public (the code never leaves this process), any profile the person has: the
 * administrator's rights come from the roles of the certificate used for this sign-in.
 */
export function accountClient(issuer: string): ClientRecord {
  return clientRecord(clientRegistrationSchema.parse({
    clientId: ACCOUNT_CLIENT_ID,
    redirectUris: [`${issuer}/account/callback`],
    postLogoutRedirectUris: [`${issuer}/account/signed-out`],
    public: true,
    firstParty: true,
  }));
}
