import { z } from 'zod';
import type { ClientRecord } from '../domain/store.ts';

const PROFILE_TYPES = ['individual', 'legal_entity'] as const;

const redirectUri = z.url().refine((uri) => !uri.includes('#'), 'must not carry a fragment');

/**
 * A relying party as operators describe it (`kilt clients add`, the seed file). No dots or dollars in the id: the
 * MongoDB session payload uses client ids as keys (oidc-anchors.md §1.5).
 */
export const clientRegistrationSchema = z
  .object({
    clientId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'letters, digits, "-" and "_", up to 128'),
    redirectUris: z.array(redirectUri).min(1, 'at least one redirect URI'),
    postLogoutRedirectUris: z.array(redirectUri).default([]),
    secret: z.string().min(16, 'at least 16 characters').optional(),
    public: z.boolean().default(false),
    firstParty: z.boolean().default(false),
    profilePolicy: z.enum(['membership', 'certificate']).default('membership'),
    profileTypes: z.array(z.enum(PROFILE_TYPES)).min(1).default([...PROFILE_TYPES]),
    pairwise: z.boolean().default(false),
    backchannelLogoutUri: z.url().optional(),
  })
  .strict()
  .refine((client) => client.public !== (client.secret !== undefined), {
    message: 'a client has either a secret or is public (PKCE, no secret), not both and not neither',
    path: ['secret'],
  })
  .refine((client) => !client.pairwise || new Set(client.redirectUris.map((uri) => new URL(uri).host)).size === 1, {
    // The sector is the redirect host; several hosts would need a sector_identifier_uri document.
    message: 'a pairwise client needs all its redirect URIs on one host',
    path: ['pairwise'],
  });

export type ClientRegistration = z.output<typeof clientRegistrationSchema>;

/** The stored client: oidc-provider metadata, and beside it what only Kilt reads (first party, profile policy). */
export function clientRecord(client: ClientRegistration): ClientRecord {
  return {
    clientId: client.clientId,
    metadata: {
      client_id: client.clientId,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: client.public ? 'none' : 'client_secret_basic',
      ...(client.secret ? { client_secret: client.secret } : {}),
      ...(client.pairwise ? { subject_type: 'pairwise' } : {}),
      ...(client.backchannelLogoutUri ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    },
    firstParty: client.firstParty,
    profilePolicy: client.profilePolicy,
    profileTypes: client.profileTypes,
  };
}
