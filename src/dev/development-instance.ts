// The development instance behind `npm start` with no configuration (DESIGN.md, Running it): a generated test CA
// that is trusted, a demo person with a key of it, an NCALayer emulator holding her key and those of people who still
// have to register (chosen on /dev/ncalayer), an agreement, the demo relying party and, when letters go to the outbox,
// /dev/outbox. Only main.ts imports it, and only outside production.
import type Koa from 'koa';
import type { Outbox } from '../adapters/mail/outbox.ts';
import { createPkiVerifier } from '../pki/create-verifier.ts';
import type { PkiVerifier } from '../pki/verifier.ts';
import type { PasswordHasher } from '../domain/passwords.ts';
import type { Store } from '../domain/store.ts';
import { certificatePerson } from '../domain/users/certificate-person.ts';
import { createConfirmedUser } from '../domain/users/create-confirmed-user.ts';
import { clientRecord, clientRegistrationSchema } from '../provider/client-registration.ts';
import type { Logger } from '../server/logger.ts';
// The generator of the test suite is the dev CA too: one NCA-shaped hierarchy, kept in one place.
import { type TestPki, createTestPki } from '../../test/support/pki/index.ts';
import { DEMO_CLIENT_ID, demoClient } from './demo-client.ts';
import { developmentKeys } from './dev-keys.ts';
import { type NcaLayerEmulator, startNcaLayerEmulator } from './ncalayer-emulator.ts';
import { ncalayerRoutes } from './ncalayer-routes.ts';
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
  const assembly = createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], revocation: 'off' });
  await seedDemoCompany(store, pki, assembly.verifier, options.passwords);
  if (!(await store.agreements.latest())) await store.agreements.publish(DEV_AGREEMENT, new Date());
  await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({
    clientId: DEMO_CLIENT_ID, redirectUris: [`${issuer}/demo/callback`], postLogoutRedirectUris: [`${issuer}/demo`], public: true, firstParty: true,
  })));

  const keys = await developmentKeys(pki);
  const emulator: NcaLayerEmulator = await startNcaLayerEmulator({
    port: options.emulatorPort,
    keys,
    onSign: (key) => logger.info({ key }, 'dev NCALayer emulator: signing with this key'),
  });
  logger.warn(
    {
      demo: `${issuer}/demo`, email: DEMO_EMAIL, password: DEMO_PASSWORD, ncalayerEmulator: emulator.url, ncalayerKeys: `${issuer}/dev/ncalayer`,
      ...(options.outbox ? { outbox: `${issuer}/dev/outbox` } : {}),
    },
    `development instance: a generated test CA is trusted, a demo account and an NCALayer emulator with ${keys.length} keys are ready; choose the key that signs on /dev/ncalayer`,
  );
  return {
    pki: { ...assembly, trustedCertificates: 2, close: () => undefined },
    ncalayerUrl: emulator.url,
    routes: [demoClient(issuer), ncalayerRoutes({ emulator, keys, store, logger }), ...(options.outbox ? [outboxRoutes(options.outbox)] : [])],
    stop: () => emulator.close(),
  };
}

/**
 * The demo head's account and company, and an employee she added (Добавлен, декларант), who can then register as the
 * company's employee with the emulator's employee key. Only what is missing: a kept store has them from the last start.
 */
async function seedDemoCompany(store: Store, pki: TestPki, verifier: PkiVerifier, passwords: PasswordHasher): Promise<void> {
  const { firstHead: head, employee } = pki.endEntities;
  const organization = head.organization!;
  if (!(await store.users.findByEmail(DEMO_EMAIL))) {
    const person = await certificatePerson(new TextEncoder().encode(head.pem), verifier);
    await createConfirmedUser({ users: store.users, passwords, clock: () => new Date() }, { email: DEMO_EMAIL, password: DEMO_PASSWORD, person });
    await store.organizations.upsert({ bin: organization.bin, name: organization.name });
    await store.participants.add({ organizationBin: organization.bin, iin: person.iin, role: 'head', status: 'registered' });
  }
  if (!(await store.participants.find(organization.bin, employee.person!.iin))) {
    await store.participants.add({ organizationBin: organization.bin, iin: employee.person!.iin, role: 'declarant', status: 'added' });
  }
}
