import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ClientRecord } from '../domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../provider/client-registration.ts';
import type { StoreCommand } from './command-context.ts';
import { parseOptions } from './command-options.ts';
import { UsageError } from './usage-error.ts';

const ADD_OPTIONS = {
  'client-id': { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  'post-logout-redirect-uri': { type: 'string', multiple: true },
  secret: { type: 'string' },
  public: { type: 'boolean' },
  'first-party': { type: 'boolean' },
  'profile-policy': { type: 'string' },
  'profile-types': { type: 'string' },
  pairwise: { type: 'boolean' },
  'backchannel-logout-uri': { type: 'string' },
} as const;

const addSchema = z
  .object({
    'client-id': z.string({ error: '--client-id ID is required' }),
    'redirect-uri': z.array(z.string(), { error: '--redirect-uri URI is required' }),
    'post-logout-redirect-uri': z.array(z.string()).default([]),
    secret: z.string().optional(),
    public: z.boolean().default(false),
    'first-party': z.boolean().default(false),
    'profile-policy': z.string().optional(),
    'profile-types': z.string().optional(),
    pairwise: z.boolean().default(false),
    'backchannel-logout-uri': z.string().optional(),
  })
  .refine((options) => !(options.public && options.secret), { message: '--secret and --public exclude each other', path: ['public'] });

const clientIdSchema = z.object({ 'client-id': z.string({ error: '--client-id ID is required' }) });

/** Never prints secrets: they are shown once, when `add` generates one. */
function describe(client: ClientRecord): Record<string, unknown> {
  const { metadata } = client;
  return {
    clientId: client.clientId,
    public: metadata['token_endpoint_auth_method'] === 'none',
    redirectUris: metadata['redirect_uris'],
    postLogoutRedirectUris: metadata['post_logout_redirect_uris'] ?? [],
    firstParty: client.firstParty,
    profilePolicy: client.profilePolicy,
    profileTypes: client.profileTypes,
    pairwise: metadata['subject_type'] === 'pairwise',
    backchannelLogoutUri: metadata['backchannel_logout_uri'] ?? null,
  };
}

function add(args: string[]): StoreCommand {
  const options = parseOptions(args, ADD_OPTIONS, addSchema);
  const generatedSecret = options.public || options.secret ? undefined : randomBytes(32).toString('base64url');
  const registration = clientRegistrationSchema.safeParse({
    clientId: options['client-id'],
    redirectUris: options['redirect-uri'],
    postLogoutRedirectUris: options['post-logout-redirect-uri'],
    secret: options.secret ?? generatedSecret,
    public: options.public,
    firstParty: options['first-party'],
    profilePolicy: options['profile-policy'],
    profileTypes: options['profile-types']?.split(',').map((type) => type.trim()),
    pairwise: options.pairwise,
    backchannelLogoutUri: options['backchannel-logout-uri'],
  });
  if (!registration.success) {
    throw new UsageError(registration.error.issues.map((issue) => `${issue.path.join('.') || 'client'}: ${issue.message}`).join('; '));
  }
  return async ({ store, print }) => {
    const record = clientRecord(registration.data);
    await store.clients.upsert(record);
    print({ ok: true, client: { ...describe(record), ...(generatedSecret ? { secret: generatedSecret } : {}) } });
    return 0;
  };
}

/** `kilt clients add|list|remove`. */
export function clientsCommand(args: string[]): StoreCommand {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'add':
      return add(rest);
    case 'list':
      parseOptions(rest, {}, z.object({}));
      return async ({ store, print }) => {
        print({ ok: true, clients: (await store.clients.list()).map(describe) });
        return 0;
      };
    case 'remove': {
      const clientId = parseOptions(rest, { 'client-id': { type: 'string' } }, clientIdSchema)['client-id'];
      return async ({ store, print }) => {
        const removed = await store.clients.remove(clientId);
        print(removed ? { ok: true, removed: clientId } : { ok: false, code: 'client.not_found', message: `no client "${clientId}"` });
        return removed ? 0 : 1;
      };
    }
    default:
      throw new UsageError(`unknown clients command "${subcommand ?? ''}"`);
  }
}
