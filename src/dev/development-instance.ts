// The development instance behind `npm start` with no configuration (DESIGN.md, Running it): a generated test CA
// that is trusted, a demo person with a key of it, an NCALayer emulator that signs with that key, an agreement, the
// demo relying party and, when letters go to the outbox, /dev/outbox. Only main.ts imports it, and only outside production.
import type Koa from 'koa';
import type { Outbox } from '../adapters/mail/outbox.ts';
import { createPkiVerifier } from '../pki/create-verifier.ts';
import type { PasswordHasher } from '../domain/passwords.ts';
import type { Store } from '../domain/store.ts';
import { certificatePerson } from '../domain/users/certificate-person.ts';
import { createConfirmedUser } from '../domain/users/create-confirmed-user.ts';
import { clientRecord, clientRegistrationSchema } from '../provider/client-registration.ts';
import type { Logger } from '../server/logger.ts';
// The generator of the test suite is the dev CA too: one NCA-shaped hierarchy, kept in one place.
import { createTestPki, signCms } from '../../test/support/pki/index.ts';
import { DEMO_CLIENT_ID, demoClient } from './demo-client.ts';
import { type NcaLayerEmulator, startNcaLayerEmulator } from './ncalayer-emulator.ts';
import { outboxRoutes } from './outbox-routes.ts';

export const DEMO_EMAIL = 'demo@kilt.kz';
export const DEMO_PASSWORD = 'kilt-demo-2026';

export interface DevelopmentInstance {
  readonly pki: ReturnType<typeof createPkiVerifier> & { readonly trustedCertificates: number; close(): void };
  readonly ncalayerUrl: string;
  readonly routes: readonly Koa.Middleware[];
  stop(): Promise<void>;
}

const DEV_AGREEMENT = {
  ru: 'Соглашение о правах использования (демонстрационный текст экземпляра для разработки).',
  kk: 'Пайдалану құқықтары туралы келісім (әзірлеуге арналған демонстрациялық мәтін).',
  en: 'Terms of use agreement (demonstration text of the development instance).',
};

export async function startDevelopmentInstance(options: {
  readonly store: Store;
  readonly issuer: string;
  readonly passwords: PasswordHasher;
  readonly emulatorPort: number;
  readonly logger: Logger;
  /** The letters sent without SMTP_URL, shown on /dev/outbox. */
  readonly outbox?: Outbox | undefined;
}): Promise<DevelopmentInstance> {
  const { store, issuer, logger } = options;
  const pki = await createTestPki({ algorithm: 'gost512' });
  const head = pki.endEntities.firstHead;
  const assembly = createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off' });

  if (!(await store.users.findByEmail(DEMO_EMAIL))) {
    const person = await certificatePerson(new TextEncoder().encode(head.pem), assembly.verifier);
    await createConfirmedUser({ users: store.users, passwords: options.passwords, clock: () => new Date() }, { email: DEMO_EMAIL, password: DEMO_PASSWORD, person });
    const organization = head.organization!;
    await store.organizations.upsert({ bin: organization.bin, name: organization.name });
    await store.participants.add({ organizationBin: organization.bin, iin: person.iin, role: 'head', status: 'registered' });
  }
  if (!(await store.agreements.latest())) await store.agreements.publish(DEV_AGREEMENT, new Date());
  await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({
    clientId: DEMO_CLIENT_ID, redirectUris: [`${issuer}/demo/callback`], postLogoutRedirectUris: [`${issuer}/demo`], public: true, firstParty: true,
  })));

  const label = `${head.person!.surname} ${head.person!.name} — ${head.organization!.name} (GOST, test CA of this instance)`;
  const emulator: NcaLayerEmulator = await startNcaLayerEmulator({
    port: options.emulatorPort,
    key: { label, sign: (data, attached) => signCms(data, head, { detached: !attached }) },
    onSign: (key) => logger.info({ key }, 'dev NCALayer emulator: signing with this key'),
  });
  logger.warn(
    { demo: `${issuer}/demo`, email: DEMO_EMAIL, password: DEMO_PASSWORD, ncalayerEmulator: emulator.url, ...(options.outbox ? { outbox: `${issuer}/dev/outbox` } : {}) },
    'development instance: a generated test CA is trusted, a demo account and an NCALayer emulator are ready',
  );
  return {
    pki: { ...assembly, trustedCertificates: 2, close: () => undefined },
    ncalayerUrl: emulator.url,
    routes: [demoClient(issuer), ...(options.outbox ? [outboxRoutes(options.outbox)] : [])],
    stop: () => emulator.close(),
  };
}
