import { describe, expect, it } from 'vitest';
import { compactPayload, expandPayload, fieldOf, modelOf } from '../../../src/adapters/memory/compact-payload.ts';

const jsonRoundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('compact payloads of the memory store', () => {
  const accessToken = {
    iat: 1795387054, exp: 1795390654, accountId: 'a1', expiresWithSession: true, grantId: 'g1', gty: 'authorization_code',
    sessionUid: 's1', kind: 'AccessToken', jti: 'token-1', clientId: 'bench', scope: 'openid profile',
    claims: { id_token: { acr: { essential: true } } }, amr: ['pwd', 'eds'], extra: null,
  };

  it('gives back what JSON would, its id included', () => {
    expect(expandPayload('token-1', compactPayload('AccessToken', 'token-1', accessToken))).toStrictEqual(jsonRoundTrip(accessToken));
  });

  it('drops what JSON drops and writes what JSON writes for numbers it cannot hold', () => {
    const payload = { kept: 1, gone: undefined, method: () => 1, infinite: Number.POSITIVE_INFINITY, nan: Number.NaN, when: new Date(0) };
    expect(expandPayload('x', compactPayload('Session', 'x', payload))).toStrictEqual(jsonRoundTrip(payload));
  });

  it('keeps a jti that is not the id as it is', () => {
    expect(expandPayload('other', compactPayload('Grant', 'other', { jti: 'token-1' }))).toStrictEqual({ jti: 'token-1' });
  });

  it('hands out new objects: changing one changes nothing stored', () => {
    const compact = compactPayload('AccessToken', 'token-1', accessToken);
    const first = expandPayload('token-1', compact);
    (first['amr'] as string[]).push('otp');
    (first['claims'] as Record<string, unknown>)['userinfo'] = {};
    first['scope'] = 'openid';
    expect(expandPayload('token-1', compact)).toStrictEqual(jsonRoundTrip(accessToken));
  });

  it('keeps one list of keys for the payloads of a model with the same keys', () => {
    const a = compactPayload('AccessToken', 't1', { ...accessToken, jti: 't1' });
    const b = compactPayload('AccessToken', 't2', { ...accessToken, jti: 't2', iat: 1 });
    expect(b[0]).toBe(a[0]);
    expect(compactPayload('RefreshToken', 't3', { ...accessToken, jti: 't3' })[0]).not.toBe(a[0]);
    expect(compactPayload('AccessToken', 't4', { ...accessToken, scope: { not: 'a string' } })[0]).not.toBe(a[0]);
  });

  it('reads the model and a top-level field without expanding the payload', () => {
    const compact = compactPayload('AccessToken', 'token-1', accessToken);
    expect(modelOf(compact)).toBe('AccessToken');
    expect(fieldOf(compact, 'grantId')).toBe('g1');
    expect(fieldOf(compact, 'iat')).toBe(1795387054);
    expect(fieldOf(compact, 'uid')).toBeUndefined();
    expect(fieldOf(compact, 'amr')).toBeUndefined();
  });

  it('tells a nested object from a string that looks like one', () => {
    const payload = { text: '{"a":1}', object: { a: 1 } };
    expect(expandPayload('x', compactPayload('Session', 'x', payload))).toStrictEqual(payload);
  });
});
