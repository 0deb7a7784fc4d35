import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeySetRecord } from '../../domain/store.ts';
import { jwkThumbprint } from './jwk-thumbprint.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

/** ES256 signs by default (fast, small); EdDSA and RS256 are there for relying parties that ask for them. */
export const SIGNING_ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export type KeyMaterial = Omit<KeySetRecord, 'revision'>;

async function privateKeyOf(alg: SigningAlgorithm) {
  switch (alg) {
    case 'ES256':
      return (await generateKeyPairAsync('ec', { namedCurve: 'P-256' })).privateKey;
    case 'EdDSA':
      return (await generateKeyPairAsync('ed25519')).privateKey;
    case 'RS256':
      return (await generateKeyPairAsync('rsa', { modulusLength: 2048 })).privateKey;
  }
}

async function signingKey(alg: SigningAlgorithm): Promise<Record<string, unknown>> {
  const jwk: Record<string, unknown> = { ...(await privateKeyOf(alg)).export({ format: 'jwk' }) };
  return { ...jwk, kid: jwkThumbprint(jwk), alg, use: 'sig' };
}

/** One key per signing algorithm (in SIGNING_ALGORITHMS order) and one cookie key. */
export async function generateKeySet(): Promise<KeyMaterial> {
  return {
    signingKeys: await Promise.all(SIGNING_ALGORITHMS.map(signingKey)),
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
}
