import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestKilt, startTestKilt } from '../../support/kilt/start-test-kilt.ts';

describe('discovery and JWKS', () => {
  let kilt: TestKilt;
  let discovery: Record<string, unknown>;

  beforeAll(async () => {
    kilt = await startTestKilt({ env: { KILT_ACR: 'urn:test:acr' } });
    discovery = (await request(kilt.url).get('/.well-known/openid-configuration').expect(200)).body as Record<string, unknown>;
  });
  afterAll(() => kilt.stop());

  it('names the issuer and the endpoints of the code flow, logout, revocation and introspection', () => {
    expect(discovery).toMatchObject({
      issuer: kilt.url,
      authorization_endpoint: `${kilt.url}/auth`,
      token_endpoint: `${kilt.url}/token`,
      userinfo_endpoint: `${kilt.url}/me`,
      jwks_uri: `${kilt.url}/jwks`,
      end_session_endpoint: `${kilt.url}/session/end`,
      revocation_endpoint: `${kilt.url}/token/revocation`,
      introspection_endpoint: `${kilt.url}/token/introspection`,
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public', 'pairwise'],
      code_challenge_methods_supported: ['S256'],
      acr_values_supported: ['urn:test:acr'],
      claims_parameter_supported: true,
    });
  });

  it('lists the scopes and claims of DESIGN.md', () => {
    expect(discovery['scopes_supported']).toEqual(['openid', 'profile', 'email', 'phone', 'address', 'iin', 'organization', 'offline_access']);
    expect(discovery['claims_supported']).toEqual(expect.arrayContaining([
      'sub', 'name', 'family_name', 'given_name', 'middle_name', 'locale', 'email', 'email_verified', 'phone_number',
      'phone_number_verified', 'address', 'iin', 'organization', 'acr', 'auth_time',
    ]));
  });

  it('signs ID tokens with ES256, EdDSA or RS256', () => {
    expect(discovery['id_token_signing_alg_values_supported']).toEqual(['ES256', 'EdDSA', 'RS256']);
  });

  it('publishes three public keys, one per algorithm, and no private member', async () => {
    const { keys } = (await request(kilt.url).get('/jwks').expect(200)).body as { keys: Record<string, unknown>[] };
    expect(keys.map((key) => [key['alg'], key['kty'], key['use']])).toEqual([['ES256', 'EC', 'sig'], ['EdDSA', 'OKP', 'sig'], ['RS256', 'RSA', 'sig']]);
    expect(new Set(keys.map((key) => key['kid'])).size).toBe(3);
    for (const key of keys) for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']) expect(key).not.toHaveProperty(member);
  });

  it('has no development interactions: /interaction/:uid is answered by Kilt\'s own screens', async () => {
    const response = await request(kilt.url).get('/interaction/anything').expect(400);
    expect(response.text).toContain('Сеанс входа истёк');
  });
});
