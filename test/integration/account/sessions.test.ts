import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { csrfOf, signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import type { TestEndEntity, TestPki } from '../../support/pki/index.ts';

const PASSWORD = 'correct horse battery';
const PORTAL = { clientId: 'knp', redirectUri: 'http://knp.kilt.test/callback' };

interface Row {
  readonly uid: string;
  readonly current: boolean;
  readonly html: string;
}

/** The rows of «Активные сеансы». */
function sessionRows(html: string): Row[] {
  return [...html.matchAll(/<tr([^>]*data-session="([^"]+)"[^>]*)>(.*?)<\/tr>/gs)].map((match) => ({
    uid: match[2]!, current: match[1]!.includes('current-session'), html: match[3]!,
  }));
}

/** «Активные сеансы»: the person's provider sessions, each ended on its own or all at once. */
describe('personal cabinet: sessions', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let aidar: UserRecord;

  beforeAll(async () => {
    pki = await testPki();
    store = createMemoryStore();
    aidar = await createAccount(store, 'aidar@example.kz', pki.endEntities.individual, PASSWORD);
    await createAccount(store, 'dinara@example.kz', pki.endEntities.signingRight, PASSWORD);
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], public: true, firstParty: true })));
    kilt = await startTestKilt({ store, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
  });
  afterAll(() => kilt.stop());

  const person = (email: string, key: TestEndEntity) => ({ email, password: PASSWORD, key });
  const aidarAt = () => person('aidar@example.kz', pki.endEntities.individual);

  /** Another browser signs in at the portal asking for offline_access: its refresh token outlives a portal sign-out. */
  async function portalSignIn() {
    const config = await oidc.discovery(new URL(kilt.url), PORTAL.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const authorization = new URL(`/auth?${new URLSearchParams({
      client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope: 'openid offline_access', prompt: 'consent',
      state: 's', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    })}`, kilt.url);
    const callback = await signInThroughScreens(browser(kilt.url), kilt.url, authorization, aidarAt());
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' });
    expect(tokens.refresh_token).toBeTruthy();
    return { config, refreshToken: tokens.refresh_token! };
  }

  async function sessionsPage(agent: Browser) {
    const page = await agent.get('/account/sessions');
    expect(page.status).toBe(200);
    return { html: page.text, rows: sessionRows(page.text), csrf: csrfOf(page.text) };
  }

  const end = (agent: Browser, csrf: string, session: string) => agent.post('/account/sessions/end').type('form').send({ csrf, session });

  it('lists both sessions with their applications and profile; «Выйти» on the other ends it and its refresh token', async () => {
    await store.endSessions(aidar.id);
    const cabinet = browser(kilt.url);
    await signInToCabinet(cabinet, kilt.url, aidarAt());
    const portal = await portalSignIn();

    const { rows, csrf } = await sessionsPage(cabinet);
    expect(rows).toHaveLength(2);
    const [current, other] = [rows.find((row) => row.current)!, rows.find((row) => !row.current)!];
    expect(current.html).toContain('Текущий сеанс');
    expect(current.html).toContain('Личный кабинет Kilt');
    expect(other.html).toContain('knp (knp.kilt.test)');
    expect(other.html).toContain('Физическое лицо');
    expect(other.html).not.toContain('Текущий сеанс');

    const ended = await end(cabinet, csrf, other.uid);
    expect(ended.headers['location']).toBe('/account/sessions?ended=1');
    expect((await sessionsPage(cabinet)).rows.map((row) => row.uid)).toEqual([current.uid]);
    await expect(oidc.refreshTokenGrant(portal.config, portal.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await cabinet.get('/account/profile')).status).toBe(200);
    expect((await store.audit.listByUser(aidar.id, 1))[0]).toMatchObject({ type: 'session.ended', details: { clients: 'knp', current: false } });
  });

  it('«Выйти» on the current session signs the cabinet out', async () => {
    const cabinet = browser(kilt.url);
    await signInToCabinet(cabinet, kilt.url, aidarAt());
    const { rows, csrf } = await sessionsPage(cabinet);
    const ended = await end(cabinet, csrf, rows.find((row) => row.current)!.uid);
    expect(ended.headers['location']).toBe('/account/signed-out');
    expect((await cabinet.get('/account/profile')).headers['location']).toBe('/account/login');
  });

  it('«Выйти везде» ends every session and refresh token, the cabinet included', async () => {
    const cabinet = browser(kilt.url);
    await signInToCabinet(cabinet, kilt.url, aidarAt());
    const portal = await portalSignIn();
    const { csrf } = await sessionsPage(cabinet);

    const out = await cabinet.post('/account/sessions/end-all').type('form').send({ csrf });
    expect(out.headers['location']).toBe('/account/signed-out');
    expect((await cabinet.get('/account/profile')).headers['location']).toBe('/account/login');
    await expect(oidc.refreshTokenGrant(portal.config, portal.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await store.sessionsOf(aidar.id)).toEqual([]);
  });

  it("shows only the person's own sessions and cannot end another person's; every ending needs the form token", async () => {
    const dinara = browser(kilt.url);
    await signInToCabinet(dinara, kilt.url, person('dinara@example.kz', pki.endEntities.signingRight));
    const dinaraSession = (await sessionsPage(dinara)).rows[0]!.uid;
    const cabinet = browser(kilt.url);
    await signInToCabinet(cabinet, kilt.url, aidarAt());
    const { rows, csrf } = await sessionsPage(cabinet);
    expect(rows.map((row) => row.uid)).not.toContain(dinaraSession);

    expect((await end(cabinet, 'forged', rows[0]!.uid)).status).toBe(403);
    expect((await cabinet.post('/account/sessions/end-all').type('form').send({})).status).toBe(403);
    expect((await end(cabinet, csrf, dinaraSession)).headers['location']).toBe('/account/sessions');
    expect((await dinara.get('/account/sessions')).status).toBe(200);
    expect((await sessionsPage(cabinet)).rows).toHaveLength(rows.length);
  });
});
