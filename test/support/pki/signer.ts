// Key pairs of the test PKI and the signature/digest algorithms that go with them, encoded as NCA does: every
// AlgorithmIdentifier of a signature or digest carries explicit NULL parameters (RSA and GOST alike).
import { createHash, createPublicKey, generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { type GostCurve, type GostNonce, TC26_256_A, TC26_512_A, gostPublicKeyBytes, gostSign, gostSignWithNonce } from '../../../src/pki/gost/gost3410.ts';
import { streebog256, streebog512 } from '../../../src/pki/gost/streebog.ts';
import { type Asn1, bitString, decode, encode, nullValue, octetString, oid, sequence } from './der.ts';
import { OID } from './oids.ts';

export type KeyAlgorithm = 'rsa' | 'gost512' | 'gost256';
export type GostAlgorithm = Exclude<KeyAlgorithm, 'rsa'>;

export interface RsaSigner {
  readonly algorithm: 'rsa';
  readonly privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKeyInfo: Uint8Array;
}

export interface GostSigner {
  readonly algorithm: GostAlgorithm;
  /** d little-endian, as inside NCA's PKCS#8: 64 bytes (gost512) or 32 (gost256). */
  readonly privateKey: Uint8Array;
  /** x_LE ‖ y_LE, twice the size of d. */
  readonly publicKey: Uint8Array;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKeyInfo: Uint8Array;
}

export type Signer = RsaSigner | GostSigner;

interface AlgorithmFacts {
  readonly signature: string;
  readonly digest: string;
  /** Raw output bytes, as in NCA's messageDigest. */
  readonly hash: (data: Uint8Array) => Uint8Array;
}

const ALGORITHMS: Readonly<Record<KeyAlgorithm, AlgorithmFacts>> = {
  rsa: {
    signature: OID.sha256WithRsaEncryption,
    digest: OID.sha256,
    hash: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  },
  gost512: { signature: OID.gost512Signature, digest: OID.streebog512, hash: streebog512 },
  // No NCA sample of a 256-bit key exists: it mirrors gost512 with the 256-bit OIDs and sizes.
  gost256: { signature: OID.gost256Signature, digest: OID.streebog256, hash: streebog256 },
};

interface GostKeyFacts {
  readonly curve: GostCurve;
  readonly publicKey: string;
  readonly paramSet: string;
}

const GOST_KEYS: Readonly<Record<GostAlgorithm, GostKeyFacts>> = {
  gost512: { curve: TC26_512_A, publicKey: OID.gost512PublicKey, paramSet: OID.gost512ParamSetA },
  gost256: { curve: TC26_256_A, publicKey: OID.gost256PublicKey, paramSet: OID.gost256ParamSetA },
};

const generateRsaKeyPair = promisify(generateKeyPair);

export function gostCurveOf(algorithm: GostAlgorithm): GostCurve {
  return GOST_KEYS[algorithm].curve;
}

export function rsaSigner(privateKey: KeyObject): RsaSigner {
  const publicKeyInfo = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  return { algorithm: 'rsa', privateKey, publicKeyInfo };
}

export function gostSigner(algorithm: GostAlgorithm, privateKey: Uint8Array): GostSigner {
  const { curve, publicKey: keyOid, paramSet } = GOST_KEYS[algorithm];
  const publicKey = gostPublicKeyBytes(curve, privateKey);
  const publicKeyInfo = encode(
    sequence(
      sequence(oid(keyOid), sequence(oid(paramSet), oid(ALGORITHMS[algorithm].digest))),
      bitString(encode(octetString(publicKey))),
    ),
  );
  return { algorithm, privateKey, publicKey, publicKeyInfo };
}

export async function generateSigner(algorithm: KeyAlgorithm): Promise<Signer> {
  if (algorithm === 'rsa') {
    const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
    return rsaSigner(privateKey);
  }
  const { size, q } = GOST_KEYS[algorithm].curve;
  const d = randomBytes(size);
  // Below the largest power of two not above q, hence below q: no rejection loop needed.
  const topByteBits = q.toString(2).length - 1 - 8 * (size - 1);
  d[size - 1]! &= (1 << topByteBits) - 1;
  d[0]! |= 1;
  return gostSigner(algorithm, new Uint8Array(d));
}

/** SHA-256 for RSA, Streebog-512 or Streebog-256 (raw output bytes, as in NCA's messageDigest) for GOST. */
export function digest(algorithm: KeyAlgorithm, data: Uint8Array): Uint8Array {
  return ALGORITHMS[algorithm].hash(data);
}

/**
 * sha256WithRSAEncryption (PKCS#1 v1.5), or GOST R 34.10-2015 r_LE ‖ s_LE over the Streebog digest of the data, with
 * `nonce` when one is given (made beforehand with gostNonce, used once) and a random k otherwise.
 */
export function signData(signer: Signer, data: Uint8Array, nonce?: GostNonce): Uint8Array {
  if (signer.algorithm === 'rsa') return new Uint8Array(sign('sha256', data, signer.privateKey));
  const { curve } = GOST_KEYS[signer.algorithm];
  const dataDigest = digest(signer.algorithm, data);
  // A nonce that happens to give s = 0 makes way for a random k.
  return (nonce && gostSignWithNonce(curve, signer.privateKey, dataDigest, nonce)) ?? gostSign(curve, signer.privateKey, dataDigest);
}

export function signatureAlgorithm(algorithm: KeyAlgorithm, parameters: 'null' | 'absent' = 'null'): Asn1 {
  const identifier = oid(ALGORITHMS[algorithm].signature);
  return parameters === 'null' ? sequence(identifier, nullValue()) : sequence(identifier);
}

export function digestAlgorithm(algorithm: KeyAlgorithm): Asn1 {
  return sequence(oid(ALGORITHMS[algorithm].digest), nullValue());
}

/** The subjectPublicKey BIT STRING contents of a DER SubjectPublicKeyInfo (for GOST: the DER OCTET STRING of x‖y). */
export function publicKeyBits(publicKeyInfo: Uint8Array): Uint8Array {
  const spki = decode(publicKeyInfo);
  const bits = spki instanceof asn1js.Sequence ? spki.valueBlock.value[1] : undefined;
  if (!(bits instanceof asn1js.BitString)) throw new TypeError('not a SubjectPublicKeyInfo');
  return bits.valueBlock.valueHexView;
}
