import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { browser } from '../../support/kilt/browser.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { decodeJws } from '../../support/kilt/jws.ts';
import { signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { TEST_PEOPLE, type TestEndEntity, type TestPki, makeBin } from '../../support/pki/index.ts';

const PORTAL = { clientId: 'knp', redirectUri: 'http://knp.kilt.test/callback' };
const STEPPE = { name: 'ТОО "СТЕПЬ ЛОГИСТИК"', bin: makeBin('2020-01', 5555) };
const PASSWORD = 'correct horse battery';

/** A person who has an account signs in with a company's key: no second registration (DESIGN.md, Registration). */
describe('companies at sign-in', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let person: UserRecord;
  let headKey: TestEndEntity;

  beforeAll(async () => {
    pki = await testPki();
    headKey = await pki.issue({ role: 'firstHead', person: TEST_PEOPLE.individual, organization: STEPPE });
  });
  beforeEach(async () => {
    await kilt?.stop();
    store = createMemoryStore();
    person = await createAccount(store, 'aidar@example.kz', pki.endEntities.individual, PASSWORD);
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
  });
  afterAll(() => kilt.stop());

  async function signIn(key: TestEndEntity, company: 'register' | 'skip', seen: string[] = []) {
    const verifier = oidc.randomPKCECodeVerifier();
    const callback = await signInThroughScreens(browser(kilt.url), kilt.url, new URL('/auth?' + new URLSearchParams({
      client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope: 'openid organization', state: 's',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', profile_hint: STEPPE.bin,
    }), kilt.url), { email: 'aidar@example.kz', password: PASSWORD, key, company, seen: (html) => seen.push(html) });
    const config = await oidc.discovery(new URL(kilt.url), PORTAL.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' });
    return decodeJws(tokens.id_token!).payload['organization'];
  }

  it('a first head registers their company on one screen and acts for it at once', async () => {
    const seen: string[] = [];
    const organization = await signIn(headKey, 'register', seen);
    const offer = seen.find((html) => html.includes('id="company-form"'));
    expect(offer).toContain('Зарегистрировать организацию?');
    expect(offer).toContain(STEPPE.bin);
    expect(await store.organizations.findByBin(STEPPE.bin)).toMatchObject({ name: STEPPE.name });
    expect(await store.participants.find(STEPPE.bin, person.iin)).toMatchObject({ role: 'head', status: 'registered' });
    expect(organization).toEqual({ type: 'legal_entity', bin: STEPPE.bin, name: STEPPE.name, roles: ['head', 'first_head'] });
    // Asked once: the next sign-in with the same key goes straight on.
    const again: string[] = [];
    await signIn(headKey, 'skip', again);
    expect(again.some((html) => html.includes('id="company-form"'))).toBe(false);
  });

  it('«Не сейчас» registers nothing and goes on as the individual', async () => {
    const organization = await signIn(headKey, 'skip');
    expect(await store.organizations.findByBin(STEPPE.bin)).toBeNull();
    expect(await store.participants.find(STEPPE.bin, person.iin)).toBeNull();
    expect(organization).toMatchObject({ type: 'individual' });
  });

  it('an added participant signing in with the company key becomes «Зарегистрирован» without being asked', async () => {
    const employeeKey = await pki.issue({ role: 'employee', person: TEST_PEOPLE.individual, organization: STEPPE });
    await store.organizations.upsert(STEPPE);
    await store.participants.add({ organizationBin: STEPPE.bin, iin: person.iin, role: 'declarant', status: 'added' });
    const seen: string[] = [];
    const organization = await signIn(employeeKey, 'register', seen);
    expect(seen.some((html) => html.includes('id="company-form"'))).toBe(false);
    expect(await store.participants.find(STEPPE.bin, person.iin)).toMatchObject({ status: 'registered', role: 'declarant' });
    expect(organization).toEqual({ type: 'legal_entity', bin: STEPPE.bin, name: STEPPE.name, roles: ['declarant', 'employee'] });
  });

  it('an excluded head is neither offered the company nor let back in', async () => {
    await store.organizations.upsert(STEPPE);
    await store.participants.add({ organizationBin: STEPPE.bin, iin: person.iin, role: 'head', status: 'excluded' });
    const seen: string[] = [];
    const organization = await signIn(headKey, 'register', seen);
    expect(seen.some((html) => html.includes('id="company-form"'))).toBe(false);
    expect((await store.participants.find(STEPPE.bin, person.iin))?.status).toBe('excluded');
    expect(organization).toMatchObject({ type: 'individual' });
  });

  it('an employee key of an unknown company offers nothing and changes nothing', async () => {
    const employeeKey = await pki.issue({ role: 'employee', person: TEST_PEOPLE.individual, organization: STEPPE });
    const seen: string[] = [];
    await signIn(employeeKey, 'register', seen);
    expect(seen.some((html) => html.includes('id="company-form"'))).toBe(false);
    expect(await store.organizations.findByBin(STEPPE.bin)).toBeNull();
  });
});
