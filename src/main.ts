/**
 * The composition root: config → store → PKI → seed → provider → HTTP server. The only place that wires I/O;
 * `kilt serve` (and so `npm start`) runs `serve()`.
 */
import { randomUUID } from 'node:crypto';
import { flushCompileCache } from 'node:module';
import type Koa from 'koa';
import { loadPkiFromFiles } from './adapters/fs/pki-files.ts';
import { renderLetter } from './adapters/mail/letters.ts';
import { openMailer } from './adapters/mail/open-mailer.ts';
import { createOutbox } from './adapters/mail/outbox.ts';
import { openSms } from './adapters/sms/open-sms.ts';
import { type OpenedStore, openStore } from './adapters/open-store.ts';
import { argon2Hasher } from './adapters/passwords/argon2-hasher.ts';
import { ConfigError } from './config/config-error.ts';
import { loadConfig } from './config/load-config.ts';
import type { Config } from './config/schema.ts';
import type { OutboundFetch } from './provider/configuration.ts';
import { createProvider } from './provider/create-provider.ts';
import { LiveProvider } from './provider/live-provider.ts';
import { companyAccessRevoker } from './provider/revoke-company-access.ts';
import { selectedProfile } from './provider/organization-claim.ts';
import type { Mailer } from './domain/mail.ts';
import type { SmsSender } from './domain/sms.ts';
import type { Store } from './domain/store.ts';
import { passwordResetRoutes } from './interactions/password-reset-routes.ts';
import { accountClient } from './account/account-client.ts';
import { agreementsSection } from './account/agreements/routes.ts';
import { journalSection } from './account/journal/routes.ts';
import { participantsSection } from './account/participants/section.ts';
import { type CabinetSection, cabinetRoutes } from './account/routes.ts';
import { emailChangeLinkRoutes } from './account/profile/email-link-routes.ts';
import { profileSection } from './account/profile/routes.ts';
import type { ProfileDependencies } from './domain/profile/dependencies.ts';
import { participantManagement } from './domain/participants/management.ts';
import { participantRoles } from './domain/participants/roles.ts';
import { sessionsSection } from './account/sessions/routes.ts';
import { registrationRoutes } from './interactions/registration/routes.ts';
import { interactionRoutes } from './interactions/routes.ts';
import { nameAttribute } from './pki/name.ts';
import { OID } from './pki/oids.ts';
import type { CrlCurrency, CrlStore } from './pki/revocation/crl-store.ts';
import type { TrustedCa } from './pki/trust-store.ts';
import type { PkiVerifier } from './pki/verifier.ts';
import { applySeed } from './seed/apply-seed.ts';
import { readSeedFile } from './seed/seed-file.ts';
import { createApp } from './server/create-app.ts';
import type { ReadinessCheck } from './server/health.ts';
import { listen } from './server/listen.ts';
import { staticFiles } from './server/static-files.ts';
import { type Logger, createLogger } from './server/logger.ts';

export interface KiltOptions {
  /** The sign-in screens' routes (/interaction/:uid …), given the live provider. */
  readonly routes?: (provider: LiveProvider) => readonly Koa.Middleware[];
  /** Listen here instead of PORT (0: any free port). */
  readonly port?: number;
  /** Run on this store instead of opening the configured one; the caller keeps it open (tests share one store). */
  readonly store?: OpenedStore['store'];
  /** The provider's outbound fetch (see ProviderSetup.fetch). */
  readonly fetch?: OutboundFetch;
  /** Sends SMS instead of Twilio or the outbox (tests read the codes from it). */
  readonly sms?: SmsSender;
}

export interface KiltInstance {
  readonly port: number;
  readonly provider: LiveProvider;
  readonly store: OpenedStore['store'];
  readonly mailer: Mailer;
  /** Graceful: stops taking requests, answers those in flight (up to KILT_SHUTDOWN_TIMEOUT_SECONDS), closes the store. */
  stop(): Promise<void>;
}

/** The sign-in screens with everything they need: the verifier, argon2id, and the brute-force limits on the store. */
async function signInRoutes(config: Config, store: Store, verifier: PkiVerifier | undefined, provider: LiveProvider, ncalayerUrl: string): Promise<Koa.Middleware> {
  const passwords = argon2Hasher(config.argon2);
  const { signIn } = config;
  const limit = (points: number, keyPrefix: string) =>
    store.rateLimiter({ points, durationSeconds: signIn.windowSeconds, blockSeconds: signIn.lockSeconds, keyPrefix });
  const clock = () => new Date();
  return interactionRoutes({
    provider,
    store,
    signIn: verifier && {
      store,
      verifier,
      passwords,
      limits: {
        account: limit(signIn.maxFailuresPerAccount, 'login-account'),
        ip: limit(signIn.maxFailuresPerIp, 'login-ip'),
        accountPoints: signIn.maxFailuresPerAccount,
        ipPoints: signIn.maxFailuresPerIp,
      },
      decoyHash: await passwords.hash(randomUUID()),
      clock,
    },
    acr: config.oidc.acr,
    ncalayerUrl,
    testMode: config.pki.mode === 'test',
    clock,
  });
}

/** «Забыли пароль?»: links by mail, at most three letters an hour to one address. */
function passwordRoutes(config: Config, store: Store, mailer: Mailer): Koa.Middleware {
  const origin = config.issuer;
  return passwordResetRoutes({
    store,
    passwords: argon2Hasher(config.argon2),
    letters: hourly(store, 3, 'password-reset-letters'),
    async send(letter) {
      const body = letter.name === 'password-reset'
        ? renderLetter('password-reset', letter.locale, { link: letter.link })
        : renderLetter('password-changed', letter.locale, { link: `${origin}/forgot-password` });
      await mailer.send({ to: letter.to, ...body });
    },
    origin,
    clock: () => new Date(),
  });
}

/** At most `points` an hour per key, then blocked for the rest of the hour: letters and SMS codes. */
const hourly = (store: Store, points: number, keyPrefix: string) => store.rateLimiter({ points, durationSeconds: 3600, blockSeconds: 3600, keyPrefix });

/** SMS codes to one number, at most 5 an hour, whichever form (registration, cabinet) asks for them. */
const smsPerNumber = (store: Store) => hourly(store, 5, 'sms-per-number');

/**
 * The registration wizard: letters by mail, SMS codes (smsPerNumber), confirmation letters (at most 3 an hour to one
 * address).
 */
function registrationRoutesFor(config: Config, store: Store, verifier: PkiVerifier, channels: { mailer: Mailer; sms: SmsSender }, ncalayerUrl: string): Koa.Middleware {
  return registrationRoutes({
    store,
    verifier,
    passwords: argon2Hasher(config.argon2),
    sms: channels.sms,
    async sendLetter(letter) {
      const body = renderLetter('registration-confirm', letter.locale, { link: letter.link, ...(letter.name ? { name: letter.name } : {}) });
      await channels.mailer.send({ to: letter.to, ...body });
    },
    limits: { smsPerNumber: smsPerNumber(store), lettersPerEmail: hourly(store, 3, 'registration-letters') },
    settings: config.registration,
    origin: config.issuer,
    clock: () => new Date(),
    ncalayerUrl,
    testMode: config.pki.mode === 'test',
  });
}

/**
 * «Профиль пользователя» of the cabinet and its e-mail link: letters by mail, SMS codes (smsPerNumber), at most 3
 * e-mail change letters an hour per account, and a 15-minute lock after 5 failed password changes.
 */
function profileFor(config: Config, store: Store, verifier: PkiVerifier | undefined, channels: { mailer: Mailer; sms: SmsSender }): ProfileDependencies {
  const origin = config.issuer;
  const clock = () => new Date();
  return {
    store,
    verifier,
    passwords: argon2Hasher(config.argon2),
    sms: { sms: channels.sms, perNumber: smsPerNumber(store), audit: store.audit, clock },
    async send(letter) {
      const name = letter.name ? { name: letter.name } : {};
      const body = letter.kind === 'email-change-confirm'
        ? renderLetter(letter.kind, letter.locale, { ...name, link: letter.link })
        : letter.kind === 'email-change-requested'
          ? renderLetter(letter.kind, letter.locale, { ...name, newEmail: letter.newEmail, link: `${origin}/account` })
          : renderLetter(letter.kind, letter.locale, { ...name, link: `${origin}/forgot-password` });
      await channels.mailer.send({ to: letter.to, ...body });
    },
    limits: {
      emailChanges: hourly(store, 3, 'email-change-letters'),
      passwordFailures: store.rateLimiter({ points: 5, durationSeconds: 900, blockSeconds: 900, keyPrefix: 'cabinet-password' }),
    },
    origin,
    clock,
  };
}

/** «Участники ЮЛ» of the cabinet: an exclusion ends the person's sessions for the company at once. */
function participantsFor(config: Config, store: Store, provider: LiveProvider, logger: Logger): CabinetSection {
  const roles = participantRoles(config.participants.roles);
  const management = participantManagement({
    store,
    roles,
    testMode: config.pki.mode === 'test',
    revokeCompanyAccess: companyAccessRevoker({ provider, store, logger }),
    clock: () => new Date(),
  });
  return participantsSection({ management, roles });
}

const caName = (ca: TrustedCa) => `"${nameAttribute(ca.certificate.subject, OID.commonName) ?? ca.certificate.serialHex}"`;

function staleness({ full }: CrlCurrency, now: Date): string {
  if (!full) return 'only a delta CRL';
  return full.thisUpdate > now ? `its CRL is dated ${full.thisUpdate.toISOString()}` : `its CRL expired ${full.nextUpdate?.toISOString()}`;
}

/**
 * Not ready while a CA whose CRL was configured has none current: revocation on CRLs would make every sign-in under it
 * fail closed. `configured` is fixed at start, so a CRL downloaded later for another CA never gates readiness.
 */
function crlReadiness(crls: CrlStore, configured: ReadonlySet<TrustedCa>): ReadinessCheck {
  return async () => {
    const now = new Date();
    const held = crls.currency(now).filter((entry) => configured.has(entry.issuer));
    const stale = held.filter((entry) => !entry.current);
    if (stale.length > 0) throw new Error(`no current CRL: ${stale.map((entry) => `${caName(entry.issuer)} (${staleness(entry, now)})`).join(', ')}`);
    return `current for ${held.map((entry) => caName(entry.issuer)).join(', ')}`;
  };
}

async function startOnStore(config: Config, logger: Logger, opened: OpenedStore, options: KiltOptions): Promise<KiltInstance> {
  const { store } = opened;
  const files = await loadPkiFromFiles(config.pki, (path, error) => {
    if (error) logger.warn({ path, err: error }, 'a changed CRL file could not be used');
    else logger.info({ path }, 'CRL file reloaded');
  });
  // Taken before anything is verified (the seed may download CRLs), so it names exactly the CAs of KILT_CRL_FILES.
  const crlsReady = files && config.pki.crlFiles.length > 0 && config.pki.revocation.split(',').includes('crl')
    ? crlReadiness(files.crls, new Set(files.crls.currency(new Date()).map((entry) => entry.issuer)))
    : undefined;
  const mail = await openMailer(config.mail);
  // SMS without Twilio land in the outbox too, even when letters go out by SMTP; production never has one.
  const outbox = mail.outbox ?? (config.production ? undefined : createOutbox({ dir: config.mail.outboxDir }));
  const channels = { mailer: mail.mailer, sms: options.sms ?? openSms(config.sms, outbox) };
  // Imported only here and only outside production: it brings the test CA generator along.
  const development = !files && config.development.instance
    ? await (await import('./dev/development-instance.ts')).startDevelopmentInstance({
      store, issuer: config.issuer, passwords: argon2Hasher(config.argon2), emulatorPort: config.development.ncalayerPort, logger, outbox,
    })
    : undefined;
  const pki = files ?? development?.pki;
  if (pki) {
    for (const warning of pki.warnings) logger.warn({ warning }, 'trust store');
  } else {
    logger.warn('no KILT_TRUST_DIR: no NCA signature can be verified (test mode only)');
  }
  try {
    if (config.seedFile) {
      const outcome = await applySeed(await readSeedFile(config.seedFile), {
        store, passwords: argon2Hasher(config.argon2), verifier: pki?.verifier, clock: () => new Date(),
      });
      logger.info({ seedFile: config.seedFile, ...outcome }, 'seed applied');
    }
    const organizationClaim = selectedProfile(store.profileSelections);
    const provider = await LiveProvider.start(store.keys, (keys) =>
      createProvider({
        issuer: config.issuer, oidc: config.oidc, store, keys, organizationClaim, trustProxy: config.trustProxy, logger,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
    await store.clients.upsert(accountClient(config.issuer));
    provider.refreshEvery(config.oidc.keysRefreshMs, (error) => logger.warn({ err: error }, 'the key set could not be refreshed'));
    const ncalayerUrl = development?.ncalayerUrl ?? config.signIn.ncalayerUrl;
    const profile = profileFor(config, store, pki?.verifier, channels);
    const kilt = createApp({
      provider,
      logger,
      trustProxy: config.trustProxy,
      routes: options.routes?.(provider) ?? [
        staticFiles(),
        await signInRoutes(config, store, pki?.verifier, provider, ncalayerUrl),
        ...(pki ? [registrationRoutesFor(config, store, pki.verifier, channels, ncalayerUrl)] : []),
        passwordRoutes(config, store, channels.mailer),
        emailChangeLinkRoutes(profile),
        ...cabinetRoutes({ provider, store, issuer: config.issuer, clock: () => new Date() }, [
          profileSection({ ...profile, ncalayerUrl, testMode: config.pki.mode === 'test' }),
          sessionsSection, agreementsSection, journalSection, participantsFor(config, store, provider, logger),
        ]),
        ...(development?.routes ?? []),
      ],
      readiness: {
        store: async () => {
          await store.ping();
          return store.kind;
        },
        keys: async () => `revision ${provider.keysRevision}`,
        trustStore: async () => (pki ? `${pki.trustedCertificates} trusted certificates` : 'none (test mode)'),
        ...(crlsReady ? { crls: crlsReady } : {}),
      },
    });
    const server = await listen(kilt.app, options.port ?? config.port);
    logger.info({ issuer: config.issuer, port: server.port, store: opened.description, pkiMode: config.pki.mode }, 'Kilt is listening');
    return {
      port: server.port,
      provider,
      store,
      mailer: channels.mailer,
      async stop() {
        kilt.drain();
        provider.stop();
        pki?.close();
        await development?.stop();
        await server.close(config.shutdownTimeoutMs);
        await opened.close();
      },
    };
  } catch (error) {
    pki?.close();
    await development?.stop();
    throw error;
  }
}

export async function startKilt(config: Config, logger: Logger, options: KiltOptions = {}): Promise<KiltInstance> {
  const given = options.store;
  const opened = given ? { store: given, description: `given (${given.kind})`, close: async () => undefined } : await openStore(config, logger);
  try {
    return await startOnStore(config, logger, opened, options);
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/** `kilt serve`: runs until SIGTERM or SIGINT, then shuts down gracefully; a second signal exits at once. */
export async function serve(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`kilt: ${error.message}\n`);
    return 2;
  }
  const logger = createLogger(config.logLevel);
  let instance: KiltInstance;
  try {
    instance = await startKilt(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'Kilt could not start');
    return 1;
  }
  // Every module a server needs is loaded by now: the next start finds them all in the cache (bin/kilt.mjs), even if
  // this process never exits cleanly.
  flushCompileCache();
  // Start-up (module loading, the trust store's GOST tables, the seed) leaves garbage, and V8 keeps the heap pages a
  // collection frees for a while: one start in four idled 26 MB higher until a later collection, and peaked higher too.
  // One memory-reducing collection now hands them back; bin/serve.sh exposes gc for it.
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing the requests in flight');
      instance.stop().then(
        () => {
          logger.info('stopped');
          resolve(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
