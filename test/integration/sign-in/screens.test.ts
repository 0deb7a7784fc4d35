import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import type { TestPki } from '../../support/pki/index.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { browser } from '../../support/kilt/browser.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { decodeJws } from '../../support/kilt/jws.ts';
import { errorOf, signInThroughScreens, submitLogin } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';

const PORTAL = { clientId: 'keden', redirectUri: 'http://keden.kilt.test/callback' };
const THIRD_PARTY = { clientId: 'partner', redirectUri: 'http://partner.kilt.test/callback', secret: 'partner-secret-partner-secret-32' };
const PASSWORD = 'correct horse battery';
const COMPANY = { bin: '150440001234', name: 'ТОО "KILT ТЕСТ"' };

describe('the sign-in screens: e-mail, password and NCA signature, agreement, profile, consent', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let person: UserRecord;
  let head: UserRecord;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    person = await createAccount(store, 'aidar@example.kz', pki.endEntities.individual, PASSWORD);
    head = await createAccount(store, 'dinara@example.kz', pki.endEntities.firstHead, PASSWORD);
    await store.organizations.upsert({ bin: pki.endEntities.firstHead.organization!.bin, name: COMPANY.name });
    await store.participants.add({ organizationBin: pki.endEntities.firstHead.organization!.bin, iin: head.iin, role: 'head', status: 'registered' });
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: THIRD_PARTY.clientId, redirectUris: [THIRD_PARTY.redirectUri], secret: THIRD_PARTY.secret })));
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
  });
  afterAll(() => kilt.stop());

  async function client(registration: { clientId: string; redirectUri: string; secret?: string }) {
    const auth = registration.secret ? oidc.ClientSecretBasic(registration.secret) : oidc.None();
    const config = await oidc.discovery(new URL(kilt.url), registration.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: registration.redirectUri, scope: 'openid profile email iin organization', state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return {
      url,
      redeem: (callback: URL) => oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }),
      userinfo: (accessToken: string, sub: string) => oidc.fetchUserInfo(config, accessToken, sub),
    };
  }

  it('signs a person in and gives the client who they are, acting as an individual', async () => {
    const rp = await client(PORTAL);
    const visited: string[] = [];
    const callback = await signInThroughScreens(browser(kilt.url), kilt.url, rp.url, { email: 'Aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual, visited: (path) => visited.push(path) });
    // The only profile is taken with the login: from the login form through the provider straight to the client.
    expect(visited.filter((path) => path.startsWith('/interaction/'))).toHaveLength(1);
    const tokens = await rp.redeem(callback);
    const claims = decodeJws(tokens.id_token!).payload;
    const individual = pki.endEntities.individual.person!;
    expect(claims).toMatchObject({
      sub: person.id, iin: individual.iin, family_name: individual.surname, given_name: individual.name, middle_name: individual.patronymic,
      email: 'aidar@example.kz', amr: ['pwd', 'eds'], organization: { type: 'individual', bin: null, name: 'Физическое лицо', roles: [] },
    });
    expect(await rp.userinfo(tokens.access_token, person.id)).toMatchObject({ iin: individual.iin, organization: { type: 'individual' } });
  });

  it('refuses a wrong password without saying whether the e-mail exists, and offers a new challenge', async () => {
    const agent = browser(kilt.url);
    const rp = await client(PORTAL);
    const login = await agent.get(new URL((await agent.get(`${rp.url.pathname}${rp.url.search}`)).headers['location']!, kilt.url).pathname);
    const wrong = await submitLogin(agent, login.text, { email: 'aidar@example.kz', password: 'wrong', key: pki.endEntities.individual });
    const unknown = await submitLogin(agent, wrong.html, { email: 'nobody@example.kz', password: 'wrong', key: pki.endEntities.individual });
    expect([wrong.status, unknown.status]).toEqual([400, 400]);
    expect(errorOf(wrong.html)).toBe('Неверный адрес электронной почты или пароль.');
    expect(errorOf(unknown.html)).toBe(errorOf(wrong.html));
    expect(wrong.html).not.toBe(login.text);
  });

  it('refuses a replayed challenge and a key of another person', async () => {
    const agent = browser(kilt.url);
    const rp = await client(PORTAL);
    const login = (await agent.get(new URL((await agent.get(`${rp.url.pathname}${rp.url.search}`)).headers['location']!, kilt.url).pathname)).text;
    const otherKey = await submitLogin(agent, login, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.employee });
    expect(errorOf(otherKey.html)).toMatch(/^Этот ключ выдан на другого человека \(ИИН \*{8}\d{4}\)/);
    const replay = await submitLogin(agent, login, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
    expect(errorOf(replay.html)).toContain('уже использован');
  });

  it("refuses the person's own expired key, with the date it expired", async () => {
    expect(pki.endEntities.expired.person!.iin).toBe(person.iin);
    const rp = await client(PORTAL);
    await expect(signInThroughScreens(browser(kilt.url), kilt.url, rp.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.expired }))
      .rejects.toThrow(/Срок действия ключа ЭЦП истёк \d\d\.\d\d\.\d{4}/);
  });

  it('shows the agreement once per version, records the acceptance, and ends the flow when it is declined', async () => {
    const published = await store.agreements.publish({ ru: 'Соглашение о правах использования (тест).', kk: 'Келісім (тест).', en: 'Agreement (test).' }, new Date());
    try {
      const declined = await signInThroughScreens(browser(kilt.url), kilt.url, (await client(PORTAL)).url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual, agreement: 'decline' });
      expect(declined.searchParams.get('error')).toBe('access_denied');
      const accepted = await signInThroughScreens(browser(kilt.url), kilt.url, (await client(PORTAL)).url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
      expect(accepted.searchParams.get('code')).toBeTruthy();
      expect(await store.agreements.acceptedVersion(person.id)).toBe(published.version);
      expect((await store.agreements.history(person.id))[0]).toMatchObject({ version: published.version, method: 'click' });
    } finally {
      await store.agreements.recordAcceptance({ userId: head.id, version: published.version, method: 'click', acceptedAt: new Date(), evidence: null });
    }
  });

  it('lets a company head choose between herself and the company; the claim carries both roles', async () => {
    const rp = await client(PORTAL);
    const bin = pki.endEntities.firstHead.organization!.bin;
    const callback = await signInThroughScreens(browser(kilt.url), kilt.url, rp.url, { email: 'dinara@example.kz', password: PASSWORD, key: pki.endEntities.firstHead, profile: bin });
    const claims = decodeJws((await rp.redeem(callback)).id_token!).payload;
    expect(claims['organization']).toEqual({ type: 'legal_entity', bin, name: COMPANY.name, roles: ['head', 'first_head'] });
  });

  it('tells a person excluded by the head why the company is not offered, and lets them go on as an individual', async () => {
    const employee = await createAccount(store, 'zhanar@example.kz', pki.endEntities.employee, PASSWORD);
    const bin = pki.endEntities.firstHead.organization!.bin;
    await store.participants.add({ organizationBin: bin, iin: employee.iin, role: 'Декларант', status: 'excluded' });
    const config = await oidc.discovery(new URL(kilt.url), PORTAL.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: PORTAL.redirectUri, scope: 'openid organization', state: 'excluded', profile_hint: bin,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    const pages: string[] = [];
    const callback = await signInThroughScreens(browser(kilt.url), kilt.url, url, { email: 'zhanar@example.kz', password: PASSWORD, key: pki.endEntities.employee, seen: (html) => pages.push(html) });
    const profilePage = pages.find((html) => html.includes('id="profile-form"'));
    expect(errorOf(profilePage!)).toContain(`(БИН ${bin}) исключил вас из участников`);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 'excluded' });
    expect(decodeJws(tokens.id_token!).payload['organization']).toMatchObject({ type: 'individual' });
  });

  it('a client with the certificate policy (Keden style) offers the company only to a sign-in with that company\'s key', async () => {
    const KEDEN = { clientId: 'keden-certificate', redirectUri: 'http://keden.kilt.test/certificate' };
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: KEDEN.clientId, redirectUris: [KEDEN.redirectUri], public: true, firstParty: true, profilePolicy: 'certificate' })));
    const companyKey = pki.endEntities.signingRight;
    const ownKey = await pki.issue({ role: 'individual', person: companyKey.person! });
    const declarant = await createAccount(store, 'nurlan@example.kz', companyKey, PASSWORD);
    await store.participants.add({ organizationBin: companyKey.organization!.bin, iin: declarant.iin, role: 'Декларант', status: 'registered' });

    const withOwnKey = await client(KEDEN);
    const pages: string[] = [];
    const first = await signInThroughScreens(browser(kilt.url), kilt.url, withOwnKey.url, { email: 'nurlan@example.kz', password: PASSWORD, key: ownKey, seen: (html) => pages.push(html) });
    expect(pages.some((html) => html.includes('id="profile-form"'))).toBe(false);
    expect(decodeJws((await withOwnKey.redeem(first)).id_token!).payload['organization']).toMatchObject({ type: 'individual' });

    const withCompanyKey = await client(KEDEN);
    const second = await signInThroughScreens(browser(kilt.url), kilt.url, withCompanyKey.url, { email: 'nurlan@example.kz', password: PASSWORD, key: companyKey, profile: companyKey.organization!.bin });
    expect(decodeJws((await withCompanyKey.redeem(second)).id_token!).payload['organization']).toEqual({
      type: 'legal_entity', bin: companyKey.organization!.bin, name: COMPANY.name, roles: ['Декларант', 'signing_right'],
    });
  });

  it('asks a third-party client for consent; declining is access_denied', async () => {
    const declined = await signInThroughScreens(browser(kilt.url), kilt.url, (await client(THIRD_PARTY)).url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual, consent: 'decline' });
    expect(declined.searchParams.get('error')).toBe('access_denied');
    const rp = await client(THIRD_PARTY);
    const callback = await signInThroughScreens(browser(kilt.url), kilt.url, rp.url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
    expect(decodeJws((await rp.redeem(callback)).id_token!).payload['iin']).toBe(pki.endEntities.individual.person!.iin);
  });

  it('does not let a company excluded between the login and the token reach the claims', async () => {
    const COMPANIES_ONLY = { clientId: 'companies-only', redirectUri: 'http://knp.kilt.test/companies' };
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: COMPANIES_ONLY.clientId, redirectUris: [COMPANIES_ONLY.redirectUri], public: true, firstParty: true, profileTypes: ['legal_entity'] })));
    const key = pki.endEntities.hr;
    const bin = key.organization!.bin;
    await store.organizations.upsert({ bin, name: COMPANY.name });
    const officer = await createAccount(store, 'gulnar@example.kz', key, PASSWORD);
    const participant = await store.participants.add({ organizationBin: bin, iin: officer.iin, role: 'Кадровик', status: 'registered' });
    const rp = await client(COMPANIES_ONLY);
    const agent = browser(kilt.url);
    const person = { email: 'gulnar@example.kz', password: PASSWORD, key };
    const loginPage = await agent.get((await agent.get(`${rp.url.pathname}${rp.url.search}`)).headers['location']!);
    // The company is the only profile, so it is taken with the login; the head excludes her before the browser resumes.
    const afterLogin = await submitLogin(agent, loginPage.text, person);
    await store.participants.changeStatus(participant.id, 'registered', 'excluded');
    const callback = await signInThroughScreens(agent, kilt.url, new URL(afterLogin.location!, kilt.url), person);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('says plainly when a sign-in page has expired', async () => {
    const response = await browser(kilt.url).get('/interaction/no-such-interaction');
    expect(response.status).toBe(400);
    expect(errorOf(response.text)).toContain('Сеанс входа истёк');
  });

  it("shows oidc-provider's own pages in Kilt's look: an unknown client, the sign-out question and its result", async () => {
    const agent = browser(kilt.url);
    const unknown = await agent.get('/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Fnowhere.test%2F');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<h1>Не удалось выполнить вход</h1>');
    expect(errorOf(unknown.text)).toContain('invalid_client');
    await signInThroughScreens(agent, kilt.url, (await client(PORTAL)).url, { email: 'aidar@example.kz', password: PASSWORD, key: pki.endEntities.individual });
    const question = await agent.get('/session/end');
    expect(question.text).toContain('<h1>Выйти из Kilt?</h1>');
    expect(question.text).toContain('id="op.logoutForm"');
    const action = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"/.exec(question.text)?.[1] ?? /action="([^"]+)"[^>]*id="op.logoutForm"/.exec(question.text)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(question.text)![1]!;
    const confirmed = await agent.post(new URL(action, kilt.url).pathname).type('form').send({ xsrf, logout: 'yes' });
    const done = await agent.get(new URL(confirmed.headers['location']!, kilt.url).pathname);
    expect(done.text).toContain('<h1>Вы вышли</h1>');
  });

  it('serves the page script and the NCALayer client', async () => {
    const script = await browser(kilt.url).get('/static/js/ncalayer-client.js');
    expect(script.status).toBe(200);
    expect(script.text).toContain('kz.gov.pki.knca.basics');
  });
});
