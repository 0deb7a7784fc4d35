import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { decodeJws } from '../../support/kilt/jws.ts';
import { relyingParty } from '../../support/kilt/relying-party.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { testSignIn } from '../../support/kilt/test-sign-in.ts';

const PORTAL = { clientId: 'portal', redirectUri: 'http://portal.kilt.test/callback' };

describe('logout', () => {
  let kilt: TestKilt;
  let user: UserRecord;
  const logoutTokens: string[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const store = createMemoryStore();
    user = await createAccount(store, 'aidar@example.kz', (await testPki()).endEntities.individual);
    const backchannelLogoutUri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backchannel-logout`;
    await store.clients.upsert(clientRecord(clientRegistrationSchema.parse({
      clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], postLogoutRedirectUris: [PORTAL.redirectUri],
      public: true, firstParty: true, backchannelLogoutUri,
    })));
    kilt = await startTestKilt({ store, reachLoopback: true, routes: (provider) => [testSignIn(provider, { accountId: () => user.id, acr: 'urn:test:acr' })] });
  });
  afterAll(async () => {
    await kilt.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('RP-initiated: ends the session, returns to the post-logout URI and tells the client over the back channel', async () => {
    const rp = await relyingParty(kilt.url, PORTAL);
    const tokens = await rp.signIn();
    const { sid } = decodeJws(tokens.id_token!).payload;
    expect(sid).toBeTruthy();
    const url = oidc.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: PORTAL.redirectUri, state: 'bye' });
    const page = await rp.browser.get(`${url.pathname}${url.search}`).expect(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1];
    expect(xsrf).toBeTruthy();
    const confirmed = await rp.browser.post('/session/end/confirm').type('form').send({ xsrf, logout: 'yes' }).expect(303);
    expect(confirmed.headers['location']).toBe(`${PORTAL.redirectUri}?state=bye`);

    expect(logoutTokens).toHaveLength(1);
    const logoutToken = decodeJws(logoutTokens[0]!);
    expect(logoutToken.header).toMatchObject({ alg: 'ES256', typ: 'logout+jwt' });
    expect(logoutToken.payload).toMatchObject({ iss: kilt.url, aud: PORTAL.clientId, sub: user.id, sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });

    const again = await rp.authorize({ prompt: 'none' });
    expect(again.searchParams.get('error')).toBe('login_required');
  });
});
