// Compact JWS checks with node:crypto, so the tests judge Kilt's tokens without trusting a JOSE library's defaults.
import { type JsonWebKey, createPublicKey, verify } from 'node:crypto';

export interface DecodedJws {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
}

const part = (segment: string): Record<string, unknown> => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;

export function decodeJws(token: string): DecodedJws {
  const [header, payload] = token.split('.');
  return { header: part(header!), payload: part(payload!) };
}

/** True when one of `keys` (the JWKS) with the token's kid verifies its signature. */
export function verifiesWith(token: string, keys: readonly Record<string, unknown>[]): boolean {
  const [header, payload, signature] = token.split('.');
  const { kid, alg } = part(header!);
  const jwk = keys.find((key) => key['kid'] === kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  const data = Buffer.from(`${header}.${payload}`);
  const bytes = Buffer.from(signature!, 'base64url');
  if (alg === 'ES256') return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, bytes);
  if (alg === 'EdDSA') return verify(null, data, key, bytes);
  if (alg === 'RS256') return verify('sha256', data, key, bytes);
  return false;
}
