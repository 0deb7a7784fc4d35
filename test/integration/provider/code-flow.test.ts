import * as oidc from 'openid-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { Profile } from '../../../src/domain/sign-in/profiles.ts';
import type { UserRecord } from '../../../src/domain/store.ts';
import { clientRecord, clientRegistrationSchema } from '../../../src/provider/client-registration.ts';
import { createAccount, testPki } from '../../support/kilt/accounts.ts';
import { browser } from '../../support/kilt/browser.ts';
import { decodeJws, verifiesWith } from '../../support/kilt/jws.ts';
import { relyingParty } from '../../support/kilt/relying-party.ts';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';
import { testSignIn } from '../../support/kilt/test-sign-in.ts';

const ACR = 'urn:test:acr';
const API = 'https://api.kilt.test/';
const PORTAL = { clientId: 'portal', redirectUri: 'http://portal.kilt.test/callback' };
const PARTNER = { clientId: 'partner', redirectUri: 'http://partner.kilt.test/callback', secret: 'partner-secret-0123456789' };
const SECTOR = { clientId: 'sector', redirectUri: 'http://sector.kilt.test/callback', secret: 'sector-secret-0123456789' };

describe('the code flow (a stand-in sign-in in place of the screens)', () => {
  let kilt: TestKilt;
  let user: UserRecord;
  let profile: Profile | undefined;
  const seen: Readonly<Record<string, unknown>>[] = [];
  const store = createMemoryStore();

  beforeAll(async () => {
    const pki = await testPki();
    user = await createAccount(store, 'aidar@example.kz', pki.endEntities.individual);
    const clients = [
      { clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], postLogoutRedirectUris: [PORTAL.redirectUri], public: true, firstParty: true },
      { clientId: PARTNER.clientId, redirectUris: [PARTNER.redirectUri], secret: PARTNER.secret },
      { clientId: SECTOR.clientId, redirectUris: [SECTOR.redirectUri], secret: SECTOR.secret, pairwise: true, firstParty: true },
    ];
    for (const client of clients) await store.clients.upsert(clientRecord(clientRegistrationSchema.parse(client)));
    kilt = await startTestKilt({
      store,
      env: { KILT_ACR: ACR, KILT_RESOURCE_SERVERS: API },
      routes: (provider) => [testSignIn(provider, { accountId: () => user.id, acr: ACR, chooseProfile: () => profile, seen: (parameters) => seen.push(parameters) })],
    });
  });
  afterAll(() => kilt.stop());

  it('a first-party public client gets, without consent, an ES256 ID token with the person\'s claims, amr and acr', async () => {
    const rp = await relyingParty(kilt.url, PORTAL);
    const tokens = await rp.signIn({ scope: 'openid profile email iin organization' });
    const idToken = decodeJws(tokens.id_token!);
    expect(idToken.header['alg']).toBe('ES256');
    expect(idToken.payload).toMatchObject({
      iss: kilt.url, aud: PORTAL.clientId, sub: user.id, amr: ['pwd', 'eds'], acr: ACR,
      iin: user.iin, family_name: 'ИСКАКОВ', given_name: 'АЙДАР', middle_name: 'ЕРЛАНОВИЧ', name: 'ИСКАКОВ АЙДАР ЕРЛАНОВИЧ',
      email: 'aidar@example.kz', email_verified: true, locale: 'ru',
    });
    const userinfo = await oidc.fetchUserInfo(rp.config, tokens.access_token, user.id);
    expect(userinfo).toMatchObject({ sub: user.id, iin: user.iin, email: 'aidar@example.kz' });
  });

  it('the organization claim is the profile chosen in this session for this client', async () => {
    const rp = await relyingParty(kilt.url, PORTAL);
    const before = await rp.signIn({ scope: 'openid organization' });
    expect(decodeJws(before.id_token!).payload['organization']).toEqual({ type: 'individual', bin: null, name: 'Физическое лицо', roles: [] });
    // The provider records a company only for a person who may still act for it.
    await store.participants.add({ organizationBin: '150440001234', iin: user.iin, role: 'head', status: 'registered' });
    profile = { type: 'legal_entity', bin: '150440001234', name: 'ТОО "KILT ТЕСТ"', roles: ['head', 'first_head'] };
    try {
      const after = await rp.signIn({ scope: 'openid organization', prompt: 'login' });
      expect(decodeJws(after.id_token!).payload['organization']).toEqual(profile);
      expect(await oidc.fetchUserInfo(rp.config, after.access_token, user.id)).toMatchObject({ organization: profile });
    } finally {
      profile = undefined;
    }
  });

  it('passes profile_hint through to the sign-in screens', async () => {
    const rp = await relyingParty(kilt.url, PORTAL);
    await rp.signIn({ profile_hint: '150440001234' });
    expect(seen.at(-1)).toMatchObject({ client_id: PORTAL.clientId, profile_hint: '150440001234' });
  });

  it('releases only what the scopes grant', async () => {
    const rp = await relyingParty(kilt.url, PORTAL);
    const tokens = await rp.signIn({ scope: 'openid' });
    const claims = decodeJws(tokens.id_token!).payload;
    for (const claim of ['iin', 'email', 'name', 'organization', 'phone_number']) expect(claims).not.toHaveProperty(claim);
  });

  it('refuses a public client\'s authorization request without PKCE', async () => {
    const url = new URL(`${kilt.url}/auth`);
    url.search = new URLSearchParams({ client_id: PORTAL.clientId, redirect_uri: PORTAL.redirectUri, response_type: 'code', scope: 'openid', state: 's' }).toString();
    const callback = await browser(kilt.url).authorize(url);
    expect(Object.fromEntries(callback.searchParams)).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('PKCE'), state: 's' });
  });

  it('rotates refresh tokens (offline_access) and refuses a used one', async () => {
    const rp = await relyingParty(kilt.url, PORTAL);
    const first = await rp.signIn({ scope: 'openid offline_access', prompt: 'consent' });
    expect(first.refresh_token).toBeTruthy();
    const second = await oidc.refreshTokenGrant(rp.config, first.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await expect(oidc.refreshTokenGrant(rp.config, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a third-party confidential client goes through consent; its token introspects until it is revoked', async () => {
    const rp = await relyingParty(kilt.url, PARTNER);
    const tokens = await rp.signIn({ scope: 'openid iin' });
    expect(decodeJws(tokens.id_token!).payload).toMatchObject({ sub: user.id, iin: user.iin });
    expect(await oidc.tokenIntrospection(rp.config, tokens.access_token)).toMatchObject({ active: true, sub: user.id, client_id: PARTNER.clientId });
    await oidc.tokenRevocation(rp.config, tokens.access_token);
    expect(await oidc.tokenIntrospection(rp.config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('issues a JWT access token for a configured resource server, with the IIN, verifiable with the JWKS', async () => {
    const rp = await relyingParty(kilt.url, PARTNER);
    const tokens = await rp.signIn({ scope: 'openid iin', resource: API }, { resource: API });
    const accessToken = decodeJws(tokens.access_token);
    expect(accessToken.header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(accessToken.payload).toMatchObject({ iss: kilt.url, aud: API, sub: user.id, client_id: PARTNER.clientId, scope: 'iin', iin: user.iin });
    const { keys } = (await request(kilt.url).get('/jwks')).body as { keys: Record<string, unknown>[] };
    expect(verifiesWith(tokens.access_token, keys)).toBe(true);
  });

  it('refuses a resource indicator that names no configured resource server', async () => {
    const rp = await relyingParty(kilt.url, PARTNER);
    const callback = await rp.authorize({ scope: 'openid', resource: 'https://elsewhere.example/' });
    expect(callback.searchParams.get('error')).toBe('invalid_target');
  });

  it('gives a pairwise client its own stable subject', async () => {
    const rp = await relyingParty(kilt.url, SECTOR);
    const once = decodeJws((await rp.signIn()).id_token!).payload['sub'];
    const again = decodeJws((await rp.signIn()).id_token!).payload['sub'];
    expect(once).toBe(again);
    expect(once).not.toBe(user.id);
  });
});
