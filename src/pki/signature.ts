import { type KeyObject, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { type AlgorithmIdentifier, hasNoParameters } from './algorithm-identifier.ts';
import type { SubjectPublicKeyInfo } from './certificate.ts';
import { parseDer, readOctetString, readOid, sequence } from './der.ts';
import { computeDigest, nodeHashName } from './digest.ts';
import { PkiError } from './errors.ts';
import { CRYPTOPRO_A, TC26_256_A, TC26_512_A, type GostCurve, gostPublicKey } from './gost/gost3410.ts';
import { LruCache, bytesKey } from './lru.ts';
import { OID } from './oids.ts';

/** What a signature algorithm means: the key it needs and the digest it signs. */
export interface SignatureScheme {
  readonly name: 'RSA-SHA256' | 'RSA-SHA384' | 'RSA-SHA512' | 'GOST34.10-2015-512' | 'GOST34.10-2015-256' | 'GOST34.310-2004';
  readonly keyAlgorithm: string;
  readonly digestAlgorithm: string;
}

const SCHEMES: Readonly<Record<string, SignatureScheme>> = {
  [OID.sha256WithRsa]: { name: 'RSA-SHA256', keyAlgorithm: OID.rsaEncryption, digestAlgorithm: OID.sha256 },
  [OID.sha384WithRsa]: { name: 'RSA-SHA384', keyAlgorithm: OID.rsaEncryption, digestAlgorithm: OID.sha384 },
  [OID.sha512WithRsa]: { name: 'RSA-SHA512', keyAlgorithm: OID.rsaEncryption, digestAlgorithm: OID.sha512 },
  [OID.gost2015Sig512]: { name: 'GOST34.10-2015-512', keyAlgorithm: OID.gost2015Key512, digestAlgorithm: OID.streebog512 },
  [OID.gost2015Sig256]: { name: 'GOST34.10-2015-256', keyAlgorithm: OID.gost2015Key256, digestAlgorithm: OID.streebog256 },
  // Legacy NCA keys: their CAs expired in 2024–2025, but CMS and certificates made before then still have to verify.
  [OID.gost2004Sig]: { name: 'GOST34.310-2004', keyAlgorithm: OID.gost2004Key, digestAlgorithm: OID.gost34311 },
};

const RSA_BY_DIGEST: Readonly<Record<string, string>> = {
  [OID.sha256]: OID.sha256WithRsa,
  [OID.sha384]: OID.sha384WithRsa,
  [OID.sha512]: OID.sha512WithRsa,
};

/**
 * Resolves a signature algorithm. CMS may name plain rsaEncryption and leave the hash to the digest algorithm
 * (RFC 5652 §5.3), which is why the digest algorithm can be given.
 */
export function signatureScheme(algorithm: AlgorithmIdentifier, digestAlgorithm?: string): SignatureScheme {
  let oid = algorithm.oid;
  if (oid === OID.rsaEncryption && digestAlgorithm) oid = RSA_BY_DIGEST[digestAlgorithm] ?? oid;
  if (oid === OID.sha1WithRsa || (oid === OID.rsaEncryption && digestAlgorithm === OID.sha1)) {
    throw new PkiError('pki.weak_algorithm', 'SHA-1 with RSA');
  }
  const scheme = SCHEMES[oid];
  if (!scheme) throw new PkiError('pki.unsupported_algorithm', `signature algorithm ${algorithm.oid}`);
  if (!hasNoParameters(algorithm)) throw new PkiError('pki.malformed', `signature algorithm ${algorithm.oid} with parameters`);
  if (digestAlgorithm && digestAlgorithm !== scheme.digestAlgorithm) {
    throw new PkiError('pki.unsupported_algorithm', `${scheme.name} with digest ${digestAlgorithm}`);
  }
  return scheme;
}

const KEY_ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  [OID.rsaEncryption]: 'RSA',
  [OID.gost2015Key512]: 'GOST34.10-2015-512',
  [OID.gost2015Key256]: 'GOST34.10-2015-256',
  [OID.gost2004Key]: 'GOST34.310-2004',
};

export function keyAlgorithmName(spki: SubjectPublicKeyInfo): string {
  return KEY_ALGORITHM_NAMES[spki.algorithm.oid] ?? spki.algorithm.oid;
}

export interface VerifyingKey {
  verify(data: Uint8Array, signature: Uint8Array, scheme: SignatureScheme): boolean;
}

const CURVES: Readonly<Record<string, { keyAlgorithm: string; curve: GostCurve }>> = {
  [OID.gost2015Curve512A]: { keyAlgorithm: OID.gost2015Key512, curve: TC26_512_A },
  [OID.gost2015Curve256A]: { keyAlgorithm: OID.gost2015Key256, curve: TC26_256_A },
  // The only curve of legacy GOST 34.310-2004 keys, with the same byte order as GOST-2015.
  [OID.gost2004CurveA]: { keyAlgorithm: OID.gost2004Key, curve: CRYPTOPRO_A },
};

function rsaKey(spki: SubjectPublicKeyInfo): VerifyingKey {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki.der), format: 'der', type: 'spki' });
  } catch {
    throw new PkiError('pki.malformed', 'RSA public key');
  }
  return {
    verify: (data, signature, scheme) => nodeVerify(nodeHashName(scheme.digestAlgorithm)!, data, key, signature),
  };
}

function gostKey(spki: SubjectPublicKeyInfo, precompute: boolean): VerifyingKey {
  const [curveElement] = sequence(spki.algorithm.parameters, 'GOST key parameters');
  const entry = CURVES[readOid(curveElement, 'GOST curve')];
  if (!entry || entry.keyAlgorithm !== spki.algorithm.oid) throw new PkiError('pki.unsupported_algorithm', 'GOST curve');
  let key: ReturnType<typeof gostPublicKey>;
  try {
    key = gostPublicKey(entry.curve, readOctetString(parseDer(spki.key), 'GOST public key'), { precompute });
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw new PkiError('pki.malformed', 'GOST public key is not a point of its curve');
  }
  return { verify: (data, signature, scheme) => key.verify(computeDigest(scheme.digestAlgorithm, data), signature) };
}

function createKey(spki: SubjectPublicKeyInfo, precompute: boolean): VerifyingKey {
  switch (spki.algorithm.oid) {
    case OID.rsaEncryption:
      return rsaKey(spki);
    case OID.gost2015Key512:
    case OID.gost2015Key256:
    case OID.gost2004Key:
      return gostKey(spki, precompute);
    default:
      throw new PkiError('pki.unsupported_algorithm', `public key ${spki.algorithm.oid}`);
  }
}

/**
 * Keys seen recently, by their SPKI: the same people sign in again and again, and importing a key costs as much as
 * hashing a certificate. CA keys of the trust store are kept with precomputed tables for the life of the store.
 */
const recentKeys = new LruCache<string, VerifyingKey>(2000);

export function verifyingKey(spki: SubjectPublicKeyInfo, options: { precompute?: boolean } = {}): VerifyingKey {
  if (options.precompute) return createKey(spki, true);
  const id = bytesKey(spki.der);
  let key = recentKeys.get(id);
  if (!key) {
    key = createKey(spki, false);
    recentKeys.set(id, key);
  }
  return key;
}

/** Verifies `signature` over `data`; throws the PkiError a user should see when it does not hold. */
export function verifySignature(
  spki: SubjectPublicKeyInfo,
  scheme: SignatureScheme,
  data: Uint8Array,
  signature: Uint8Array,
  what: string,
  key: VerifyingKey = verifyingKey(spki),
): void {
  if (spki.algorithm.oid !== scheme.keyAlgorithm) throw new PkiError('pki.signature_invalid', `${what}: ${scheme.name} with a ${spki.algorithm.oid} key`);
  if (!key.verify(data, signature, scheme)) throw new PkiError('pki.signature_invalid', `${what}: signature does not verify`);
}
