import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PARTICIPANT_ROLES, participantRolesSetting } from '../domain/participants/roles.ts';
import { REVOCATION_MODES, type RevocationMode } from '../pki/revocation/checker.ts';

const DAY = 86_400;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Stable across restarts and processes, so pairwise subjects stay the same; production must set its own. */
export const DEVELOPMENT_PAIRWISE_SALT = 'kilt-development-pairwise-salt-not-for-production';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const list = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  KILT_ISSUER: z
    .url({ protocol: /^https?$/ })
    .refine((url) => new URL(url).pathname === '/', 'must be an origin without a path: Kilt serves at the root')
    .optional(),
  KILT_TRUST_PROXY: z.stringbool().default(false),
  KILT_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  KILT_SHUTDOWN_TIMEOUT_SECONDS: seconds(10),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
  KILT_EMBEDDED_MONGO: z.stringbool().default(true),
  KILT_EMBEDDED_MONGO_TIMEOUT_SECONDS: seconds(5),
  KILT_DATA_DIR: z.string().default('.data'),
  KILT_TRUST_DIR: z.string().optional(),
  KILT_CRL_FILES: list,
  KILT_REVOCATION: z.enum(REVOCATION_MODES).optional(),
  KILT_OCSP_URL: z.url().optional(),
  KILT_PKI_MODE: z.enum(['test', 'production']).default('test'),
  KILT_SEED_FILE: z.string().optional(),
  KILT_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8_192).default(19_456),
  KILT_ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  KILT_ARGON2_PARALLELISM: z.coerce.number().int().min(1).default(1),
  KILT_ACR: z.string().min(1).default('urn:kilt:acr:pwd-eds'),
  KILT_NCALAYER_URL: z.url({ protocol: /^wss?$/ }).default('wss://127.0.0.1:13579/'),
  KILT_DEV_INSTANCE: z.stringbool().default(true),
  KILT_DEV_NCALAYER_PORT: z.coerce.number().int().min(1).max(65_535).refine((port) => port !== 13_579, 'must not be 13579, the real NCALayer port').default(13_590),
  KILT_LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  KILT_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  KILT_LOGIN_WINDOW_SECONDS: seconds(900),
  KILT_LOGIN_LOCK_SECONDS: seconds(900),
  KILT_PAIRWISE_SALT: z.string().min(32, 'must be at least 32 characters').optional(),
  KILT_RESOURCE_SERVERS: list.pipe(z.array(z.url({ error: 'each resource server must be an absolute URL' }))),
  KILT_KEYS_REFRESH_SECONDS: seconds(60),
  KILT_TTL_ACCESS_TOKEN: seconds(3600),
  KILT_TTL_AUTHORIZATION_CODE: seconds(60),
  KILT_TTL_ID_TOKEN: seconds(3600),
  KILT_TTL_REFRESH_TOKEN: seconds(14 * DAY),
  KILT_TTL_SESSION: seconds(14 * DAY),
  KILT_TTL_GRANT: seconds(14 * DAY),
  KILT_TTL_INTERACTION: seconds(3600),
  SMTP_URL: z.url({ protocol: /^smtps?$/, hostname: /./, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.kz:587' }).optional(),
  KILT_REGISTRATION_PHONE: z.enum(['off', 'required']).default('off'),
  KILT_AGREEMENT_SIGNATURE: z.enum(['off', 'required']).default('off'),
  KILT_PARTICIPANT_ROLES: z.string().default(DEFAULT_PARTICIPANT_ROLES).pipe(participantRolesSetting),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().regex(/^\+\d{7,15}$/, 'must be a phone number in E.164, e.g. +77001234567').optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Twilio messaging service SID (MG + 32 hex digits)').optional(),
  MAIL_FROM: z.string().regex(/^(?:[^<>]*<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)$/, 'must be an address, e.g. Kilt <no-reply@kilt.kz>').optional(),
});

/** Every variable Kilt reads; `.env.example` documents the same names (a test holds them equal). */
export const ENV_NAMES = Object.keys(variables.shape);

export const envSchema = variables
  .refine((env) => env.KILT_CRL_FILES.length === 0 || env.KILT_TRUST_DIR !== undefined, {
    path: ['KILT_CRL_FILES'],
    message: 'CRLs are verified against the trust anchors: set KILT_TRUST_DIR too',
  })
  .refine((env) => env.SMTP_URL === undefined || env.MAIL_FROM !== undefined, {
    path: ['MAIL_FROM'],
    message: 'required with SMTP_URL: the sender of every letter',
  })
  .refine((env) => env.TWILIO_ACCOUNT_SID === undefined || env.TWILIO_AUTH_TOKEN !== undefined, {
    path: ['TWILIO_AUTH_TOKEN'],
    message: 'required with TWILIO_ACCOUNT_SID',
  })
  .refine((env) => env.TWILIO_ACCOUNT_SID === undefined || env.TWILIO_FROM !== undefined || env.TWILIO_MESSAGING_SERVICE_SID !== undefined, {
    path: ['TWILIO_FROM'],
    message: 'required with TWILIO_ACCOUNT_SID, unless TWILIO_MESSAGING_SERVICE_SID is set: the sender of every SMS',
  })
  .transform((env) => {
    const production = env.NODE_ENV === 'production';
    const revocation: RevocationMode = env.KILT_REVOCATION ?? (production ? 'ocsp,crl' : env.KILT_CRL_FILES.length > 0 ? 'crl' : 'off');
    return {
      production,
      port: env.PORT,
      issuer: (env.KILT_ISSUER ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
      trustProxy: env.KILT_TRUST_PROXY,
      logLevel: env.KILT_LOG_LEVEL,
      shutdownTimeoutMs: env.KILT_SHUTDOWN_TIMEOUT_SECONDS * 1000,
      store: {
        mongodbUri: env.MONGODB_URI,
        embeddedMongo: env.KILT_EMBEDDED_MONGO,
        embeddedMongoTimeoutMs: env.KILT_EMBEDDED_MONGO_TIMEOUT_SECONDS * 1000,
        dataDir: env.KILT_DATA_DIR,
      },
      pki: {
        mode: env.KILT_PKI_MODE,
        trustDir: env.KILT_TRUST_DIR,
        crlFiles: env.KILT_CRL_FILES,
        revocation,
        ocspUrl: env.KILT_OCSP_URL,
      },
      seedFile: env.KILT_SEED_FILE,
      // Outside production, with no trust anchors configured: the demo set-up of DESIGN.md, Running it.
      development: { instance: !production && env.KILT_DEV_INSTANCE && !env.KILT_TRUST_DIR, ncalayerPort: env.KILT_DEV_NCALAYER_PORT },
      signIn: {
        ncalayerUrl: env.KILT_NCALAYER_URL,
        windowSeconds: env.KILT_LOGIN_WINDOW_SECONDS,
        lockSeconds: env.KILT_LOGIN_LOCK_SECONDS,
        maxFailuresPerAccount: env.KILT_LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxFailuresPerIp: env.KILT_LOGIN_MAX_FAILURES_PER_IP,
      },
      mail: {
        smtp: env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
        // Without SMTP_URL, never in production: letters land here and on /dev/outbox.
        outboxDir: join(env.KILT_DATA_DIR, 'outbox'),
      },
      registration: { phone: env.KILT_REGISTRATION_PHONE, agreementSignature: env.KILT_AGREEMENT_SIGNATURE },
      participants: { roles: env.KILT_PARTICIPANT_ROLES },
      sms: {
        // Without Twilio, never in production when phones are required: SMS land in the outbox like letters.
        twilio: env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
          ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, from: env.TWILIO_FROM, messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
          : undefined,
      },
      argon2: { memoryCost: env.KILT_ARGON2_MEMORY_KIB, timeCost: env.KILT_ARGON2_TIME_COST, parallelism: env.KILT_ARGON2_PARALLELISM },
      oidc: {
        acr: env.KILT_ACR,
        pairwiseSalt: env.KILT_PAIRWISE_SALT ?? DEVELOPMENT_PAIRWISE_SALT,
        resourceServers: env.KILT_RESOURCE_SERVERS,
        keysRefreshMs: env.KILT_KEYS_REFRESH_SECONDS * 1000,
        ttl: {
          accessToken: env.KILT_TTL_ACCESS_TOKEN,
          authorizationCode: env.KILT_TTL_AUTHORIZATION_CODE,
          idToken: env.KILT_TTL_ID_TOKEN,
          refreshToken: env.KILT_TTL_REFRESH_TOKEN,
          session: env.KILT_TTL_SESSION,
          grant: env.KILT_TTL_GRANT,
          interaction: env.KILT_TTL_INTERACTION,
        },
      },
    };
  });

export type Config = z.output<typeof envSchema>;
export type OidcSettings = Config['oidc'];
