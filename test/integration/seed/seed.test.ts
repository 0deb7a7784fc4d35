import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { applySeed } from '../../../src/seed/apply-seed.ts';
import { SeedError, readSeedFile } from '../../../src/seed/seed-file.ts';
import { type TestPki, createTestPki } from '../../support/pki/index.ts';
import { fastPasswords, testPki } from '../../support/kilt/accounts.ts';
import { temporaryDirectory, trustDirectoryOf, writeFile } from '../../support/kilt/files.ts';
import { startTestKilt } from '../../support/kilt/start-test-kilt.ts';

describe('KILT_SEED_FILE', () => {
  let pki: TestPki<'gost512'>;
  let seedFile: string;
  const directory = temporaryDirectory('seed');

  beforeAll(async () => {
    pki = await testPki();
    seedFile = writeFile(directory, 'seed.json', JSON.stringify({
      clients: [
        { clientId: 'demo', redirectUris: ['http://localhost:3000/demo/callback'], postLogoutRedirectUris: ['http://localhost:3000/demo'], public: true, firstParty: true },
        { clientId: 'keden', redirectUris: ['https://keden.kilt.test/cb'], secret: 'keden-secret-0123456789', profilePolicy: 'certificate' },
      ],
      users: [
        { email: 'Aidar@Example.kz', password: 'correct horse battery', certificate: pki.endEntities.individual.pem },
        { email: 'dinara@example.kz', password: 'another good password', certificate: pki.endEntities.firstHead.pem },
      ],
    }));
  });

  it('is applied at start, and applying it again at the next start changes nothing', async () => {
    const store = createMemoryStore();
    const first = await startTestKilt({ store, env: { KILT_SEED_FILE: seedFile } });
    await first.stop();
    const aidar = await store.users.findByEmail('aidar@example.kz');
    expect(aidar).toMatchObject({ iin: pki.endEntities.individual.person!.iin, surname: 'ИСКАКОВ', givenName: 'АЙДАР', patronymic: 'ЕРЛАНОВИЧ', locale: 'ru' });
    expect(aidar!.emailConfirmedAt).toBeInstanceOf(Date);
    expect(await fastPasswords.verify(aidar!.passwordHash, 'correct horse battery')).toBe(true);
    expect(await store.clients.find('keden')).toMatchObject({ profilePolicy: 'certificate', firstParty: false, metadata: { client_secret: 'keden-secret-0123456789' } });

    const second = await startTestKilt({ store, env: { KILT_SEED_FILE: seedFile } });
    await second.stop();
    expect(await store.users.findByEmail('aidar@example.kz')).toEqual(aidar);
    expect((await store.clients.list()).map((client) => client.clientId)).toEqual(['demo', 'keden', 'kilt-account']);
  });

  it('reports what it did: clients written, users created or kept', async () => {
    const store = createMemoryStore();
    const seed = await readSeedFile(seedFile);
    const deps = { store, passwords: fastPasswords, verifier: undefined, clock: () => new Date() };
    expect(await applySeed(seed, deps)).toEqual({ clients: 2, usersCreated: 2, usersKept: 0 });
    expect(await applySeed(seed, deps)).toEqual({ clients: 2, usersCreated: 0, usersKept: 2 });
  });

  it('verifies the users\' certificates against the trust store when one is configured', async () => {
    const stranger = await createTestPki({ algorithm: 'gost512' });
    const file = writeFile(directory, 'untrusted.json', JSON.stringify({
      users: [{ email: 'stranger@example.kz', password: 'correct horse battery', certificate: stranger.endEntities.individual.pem }],
    }));
    const env = { KILT_TRUST_DIR: trustDirectoryOf(pki) };
    await expect(startTestKilt({ env: { ...env, KILT_SEED_FILE: file } })).rejects.toThrow(/users\.0 \(stranger@example\.kz\).*pki\.chain_untrusted/);
    const trusted = await startTestKilt({ env: { ...env, KILT_SEED_FILE: seedFile } });
    expect(await trusted.store.users.findByEmail('dinara@example.kz')).toMatchObject({ surname: 'СЕЙТКАЛИЕВА' });
    await trusted.stop();
  });

  it('refuses an invalid file, naming each problem', async () => {
    const file = writeFile(directory, 'invalid.json', JSON.stringify({
      clients: [{ clientId: 'x', redirectUris: ['https://x.test/cb'], secret: 'long-enough-secret-1', public: true }],
      users: [{ email: 'not-an-email', password: 'short', certificate: 'nope' }],
    }));
    const refusal = readSeedFile(file);
    await expect(refusal).rejects.toThrow(SeedError);
    await expect(refusal).rejects.toThrow(/clients\.0\.secret: a client has either a secret or is public[\s\S]*users\.0\.email[\s\S]*users\.0\.password[\s\S]*users\.0\.certificate/);
  });
});
