import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store } from '../../../src/domain/store.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { csrfOf } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { TEST_ORGANIZATION, type TestPki } from '../../support/pki/index.ts';

const PASSWORD = 'correct horse battery';

/** /account: Kilt's own relying party, signed in through the provider's screens like any portal. */
describe('personal cabinet: access', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    await createAccount(store, 'aidar@example.kz', pki.endEntities.individual, PASSWORD);
    const head = await createAccount(store, 'head@example.kz', pki.endEntities.firstHead, PASSWORD);
    await store.organizations.upsert(TEST_ORGANIZATION);
    await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: head.iin, role: 'head', status: 'registered' });
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
  });
  afterAll(() => kilt.stop());

  it('sends a stranger to sign in through the provider with PKCE, as the kilt-account client', async () => {
    const agent = browser(kilt.url);
    expect((await agent.get('/account/profile')).headers['location']).toBe('/account/login');
    const login = new URL((await agent.get('/account/login')).headers['location']!, kilt.url);
    expect(login.pathname).toBe('/auth');
    expect(Object.fromEntries(login.searchParams)).toMatchObject({
      client_id: 'kilt-account', redirect_uri: `${kilt.url}/account/callback`, response_type: 'code', code_challenge_method: 'S256',
    });
    expect((await agent.post('/account/logout').type('form').send({})).status).toBe(401);
  });

  it('shows the certificate data of an individual, without «Участники ЮЛ»', async () => {
    const page = await signInToCabinet(browser(kilt.url), kilt.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
    expect(page).toContain('Личный кабинет');
    expect(page).toContain(pki.endEntities.individual.person!.iin);
    expect(page).toContain('ИСКАКОВ АЙДАР ЕРЛАНОВИЧ');
    expect(page).not.toContain('href="/account/participants"');
  });

  it('shows «Участники ЮЛ» to a first head acting for the company with its key, not as an individual', async () => {
    const agent = browser(kilt.url);
    const asCompany = await signInToCabinet(agent, kilt.url, { email: 'head@example.kz', password: PASSWORD, key: pki.endEntities.firstHead, profile: TEST_ORGANIZATION.bin });
    expect(asCompany).toContain(`data-bin="${TEST_ORGANIZATION.bin}"`);
    expect(asCompany).toContain('href="/account/participants"');
    const asPerson = await signInToCabinet(browser(kilt.url), kilt.url, { email: 'head@example.kz', password: PASSWORD, key: pki.endEntities.firstHead, profile: 'individual' });
    expect(asPerson).not.toContain('href="/account/participants"');
  });

  it('refuses a callback whose state or code is not its own', async () => {
    const agent = browser(kilt.url);
    await agent.get('/account/login');
    expect((await agent.get('/account/callback?code=forged&state=forged')).headers['location']).toBe('/account/login');
    expect((await agent.get('/account/profile')).headers['location']).toBe('/account/login');
  });

  it('closes when the provider session ends, and a sign-out needs the form token', async () => {
    const agent = browser(kilt.url);
    const page = await signInToCabinet(agent, kilt.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
    expect((await agent.post('/account/logout').type('form').send({ csrf: 'forged' })).status).toBe(403);
    const out = await agent.post('/account/logout').type('form').send({ csrf: csrfOf(page) });
    expect(out.headers['location']).toMatch(/^\/session\/end\?client_id=kilt-account/);
    expect((await agent.get('/account/profile')).headers['location']).toBe('/account/login');

    const other = browser(kilt.url);
    await signInToCabinet(other, kilt.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
    expect((await other.get('/account/profile')).status).toBe(200);
    await store.endSessions((await store.users.findByEmail('aidar@example.kz'))!.id);
    expect((await other.get('/account/profile')).headers['location']).toBe('/account/login');
  });
});
