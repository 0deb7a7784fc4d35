import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { type ParticipantActor, type ParticipantManagement, participantManagement } from '../../../src/domain/participants/management.ts';
import { participantRoles } from '../../../src/domain/participants/roles.ts';
import type { ParticipantRecord, Store, UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { companyAccessRevoker } from '../../../src/provider/revoke-company-access.ts';
import { createLogger } from '../../../src/server/logger.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { type Browser, browser } from '../../support/kilt/browser.ts';
import { signInToCabinet } from '../../support/kilt/cabinet.ts';
import { trustDirectoryOf } from '../../support/kilt/files.ts';
import { decodeJws } from '../../support/kilt/jws.ts';
import { signInThroughScreens } from '../../support/kilt/screens.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { TEST_ORGANIZATION, TEST_PEOPLE, type TestPki } from '../../support/pki/index.ts';

const PASSWORD = 'correct horse battery';
const EMAIL = 'zhanar@example.kz';
/** The customs portal: acts for companies, pairwise subjects, told of sign-outs over the back channel. */
const KEDEN = { clientId: 'keden', redirectUri: 'http://keden.kilt.test/callback' };
/** The tax portal, where the same person acts as an individual. */
const KNP = { clientId: 'knp', redirectUri: 'http://knp.kilt.test/callback' };

interface Delivered {
  readonly path: string;
  readonly logoutToken: string;
}

/**
 * «Исключить участника»: what the person held for the company ends at once (DESIGN.md, «Участники ЮЛ»), what they
 * hold for themselves stays.
 */
describe('excluding a participant', () => {
  let pki: TestPki<'gost512'>;
  let store: Store;
  let kilt: TestKilt;
  let employee: UserRecord;
  let participant: ParticipantRecord;
  let management: ParticipantManagement;
  let head: ParticipantActor;
  const delivered: Delivered[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      delivered.push({ path: req.url ?? '', logoutToken: new URLSearchParams(body).get('logout_token') ?? '' });
      res.end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const backchannel = (path: string) => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;
    pki = await testPki();
    store = createMemoryStore();
    employee = await createAccount(store, EMAIL, pki.endEntities.employee, PASSWORD);
    await store.organizations.upsert(TEST_ORGANIZATION);
    participant = await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: employee.iin, role: 'declarant', status: 'registered' });
    await store.participants.add({ organizationBin: TEST_ORGANIZATION.bin, iin: TEST_PEOPLE.firstHead.iin, role: 'head', status: 'registered' });
    for (const [client, pairwise] of [[KEDEN, true], [KNP, false]] as const) {
      await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({
        clientId: client.clientId, redirectUris: [client.redirectUri], public: true, firstParty: true, pairwise,
        backchannelLogoutUri: backchannel(`/${client.clientId}/backchannel-logout`),
      })));
    }
    kilt = await startTestKilt({ store, reachLoopback: true, env: { KILT_TRUST_DIR: trustDirectoryOf(pki) } });
    management = participantManagement({
      store,
      roles: participantRoles(kilt.config.participants.roles),
      testMode: true,
      clock: () => new Date(),
      revokeCompanyAccess: companyAccessRevoker({ provider: kilt.instance.provider, store, logger: createLogger('silent') }),
    });
    head = { userId: 'head-user', iin: TEST_PEOPLE.firstHead.iin, bin: TEST_ORGANIZATION.bin, ip: '203.0.113.7' };
  });
  afterAll(async () => {
    await kilt.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  /** A code flow with offline_access through Kilt's screens in `agent`'s session; the token response. */
  async function signIn(agent: Browser, client: typeof KEDEN, profileHint: string, seen?: (html: string) => void) {
    const verifier = oidc.randomPKCECodeVerifier();
    const callback = await signInThroughScreens(agent, kilt.url, new URL('/auth?' + new URLSearchParams({
      client_id: client.clientId, redirect_uri: client.redirectUri, response_type: 'code', scope: 'openid organization offline_access',
      prompt: 'consent', state: 's', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      profile_hint: profileHint,
    }), kilt.url), { email: EMAIL, password: PASSWORD, key: pki.endEntities.employee, profile: 'individual', ...(seen ? { seen } : {}) });
    const config = await oidc.discovery(new URL(kilt.url), client.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' });
    return { config, tokens, idToken: decodeJws(tokens.id_token!).payload };
  }

  it('fails the company session’s refresh at once, tells its client over the back channel and keeps the individual grant', async () => {
    const agent = browser(kilt.url);
    const asCompany = await signIn(agent, KEDEN, TEST_ORGANIZATION.bin);
    expect(asCompany.idToken['organization']).toMatchObject({ type: 'legal_entity', bin: TEST_ORGANIZATION.bin, roles: ['declarant', 'employee'] });
    const asPerson = await signIn(agent, KNP, 'individual');
    expect(asPerson.idToken['organization']).toMatchObject({ type: 'individual' });
    expect(await signInToCabinet(agent, kilt.url, { email: EMAIL, password: PASSWORD, key: pki.endEntities.employee, profile: TEST_ORGANIZATION.bin })).toContain(`data-bin="${TEST_ORGANIZATION.bin}"`);
    const refreshed = await oidc.refreshTokenGrant(asCompany.config, asCompany.tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeTruthy();

    expect(await management.exclude(head, participant.id)).toMatchObject({ status: 'excluded' });

    await expect(oidc.refreshTokenGrant(asCompany.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(delivered.map((delivery) => delivery.path)).toEqual(['/keden/backchannel-logout']);
    const logoutToken = decodeJws(delivered[0]!.logoutToken).payload;
    // The sub KEDEN knows: pairwise, not the account id.
    expect(asCompany.idToken['sub']).not.toBe(employee.id);
    expect(logoutToken).toMatchObject({ iss: kilt.url, aud: KEDEN.clientId, sub: asCompany.idToken['sub'], sid: asCompany.idToken['sid'] });

    const stillAPerson = await oidc.refreshTokenGrant(asPerson.config, asPerson.tokens.refresh_token!);
    expect(decodeJws(stillAPerson.id_token!).payload['organization']).toMatchObject({ type: 'individual' });
    // The cabinet acted for the company too: it asks for a sign-in again.
    expect((await agent.get('/account/profile')).headers['location']).toBe('/account/login');

    const log = await management.history(TEST_ORGANIZATION.bin, 10);
    expect(log.map((event) => event.type)).toEqual(['participant.access_revoked', 'participant.excluded']);
    expect(log[0]?.details).toMatchObject({ accountId: employee.id, revoked: 2, failed: 0, notified: 'keden', unreachable: '' });
  });

  it('fails an offline refresh token that outlived its session too, once restored and excluded again', async () => {
    expect(await management.restore(head, participant.id)).toMatchObject({ status: 'restored' });
    const agent = browser(kilt.url);
    const asCompany = await signIn(agent, KEDEN, TEST_ORGANIZATION.bin);
    // «Восстановлен» → «Зарегистрирован» with this sign-in by the company's key.
    expect(await store.participants.findById(participant.id)).toMatchObject({ status: 'registered' });
    expect(asCompany.idToken['organization']).toMatchObject({ bin: TEST_ORGANIZATION.bin });
    const url = oidc.buildEndSessionUrl(asCompany.config, { id_token_hint: asCompany.tokens.id_token! });
    const page = await agent.get(`${url.pathname}${url.search}`).expect(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1];
    await agent.post('/session/end/confirm').type('form').send({ xsrf, logout: 'yes' }).expect(303);
    const outlived = await oidc.refreshTokenGrant(asCompany.config, asCompany.tokens.refresh_token!);
    const toldBefore = delivered.length;

    await management.exclude(head, participant.id);

    await expect(oidc.refreshTokenGrant(asCompany.config, outlived.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // No relying-party session was left to end, and one without sid would end the person's individual sessions there.
    expect(delivered).toHaveLength(toldBefore);
  });

  it('offers the company no more: a sign-in asking for it is told why and goes on as the individual', async () => {
    const seen: string[] = [];
    const again = await signIn(browser(kilt.url), KEDEN, TEST_ORGANIZATION.bin, (html) => seen.push(html));
    expect(again.idToken['organization']).toMatchObject({ type: 'individual' });
    expect(seen.some((html) => html.includes(`Руководитель организации (БИН ${TEST_ORGANIZATION.bin}) исключил вас из участников.`))).toBe(true);
  });
});
