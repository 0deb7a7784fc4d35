// Key pairs of the test PKI and the signature/digest algorithms that go with them, encoded as NCA does: every
// AlgorithmIdentifier of a signature or digest carries explicit NULL parameters (RSA and GOST alike).
import { createHash, createPublicKey, generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { TC26_512_A, gostPublicKeyBytes, gostSign } from '../../../src/pki/gost/gost3410.ts';
import { streebog512 } from '../../../src/pki/gost/streebog.ts';
import { type Asn1, bitString, decode, encode, nullValue, octetString, oid, sequence } from './der.ts';
import { OID } from './oids.ts';

export type KeyAlgorithm = 'rsa' | 'gost512';

export interface RsaSigner {
  readonly algorithm: 'rsa';
  readonly privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKeyInfo: Uint8Array;
}

export interface GostSigner {
  readonly algorithm: 'gost512';
  /** d, 64 bytes little-endian, as inside NCA's PKCS#8. */
  readonly privateKey: Uint8Array;
  /** x_LE ‖ y_LE, 128 bytes. */
  readonly publicKey: Uint8Array;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKeyInfo: Uint8Array;
}

export type Signer = RsaSigner | GostSigner;

const generateRsaKeyPair = promisify(generateKeyPair);

export function rsaSigner(privateKey: KeyObject): RsaSigner {
  const publicKeyInfo = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  return { algorithm: 'rsa', privateKey, publicKeyInfo };
}

export function gostSigner(privateKey: Uint8Array): GostSigner {
  const publicKey = gostPublicKeyBytes(TC26_512_A, privateKey);
  const publicKeyInfo = encode(
    sequence(
      sequence(oid(OID.gost512PublicKey), sequence(oid(OID.gost512ParamSetA), oid(OID.streebog512))),
      bitString(encode(octetString(publicKey))),
    ),
  );
  return { algorithm: 'gost512', privateKey, publicKey, publicKeyInfo };
}

export async function generateSigner(algorithm: KeyAlgorithm): Promise<Signer> {
  if (algorithm === 'rsa') {
    const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
    return rsaSigner(privateKey);
  }
  const d = randomBytes(64);
  // Below 2^511, hence below q: no rejection loop needed.
  d[63]! &= 0x7f;
  d[0]! |= 1;
  return gostSigner(new Uint8Array(d));
}

/** SHA-256 for RSA, Streebog-512 (raw output bytes, as in NCA's messageDigest) for GOST. */
export function digest(algorithm: KeyAlgorithm, data: Uint8Array): Uint8Array {
  return algorithm === 'rsa' ? new Uint8Array(createHash('sha256').update(data).digest()) : streebog512(data);
}

/** sha256WithRSAEncryption (PKCS#1 v1.5), or GOST R 34.10-2015 r_LE ‖ s_LE over Streebog-512 of the data. */
export function signData(signer: Signer, data: Uint8Array): Uint8Array {
  if (signer.algorithm === 'rsa') return new Uint8Array(sign('sha256', data, signer.privateKey));
  return gostSign(TC26_512_A, signer.privateKey, streebog512(data));
}

export function signatureAlgorithm(algorithm: KeyAlgorithm, parameters: 'null' | 'absent' = 'null'): Asn1 {
  const identifier = oid(algorithm === 'rsa' ? OID.sha256WithRsaEncryption : OID.gost512Signature);
  return parameters === 'null' ? sequence(identifier, nullValue()) : sequence(identifier);
}

export function digestAlgorithm(algorithm: KeyAlgorithm): Asn1 {
  return sequence(oid(algorithm === 'rsa' ? OID.sha256 : OID.streebog512), nullValue());
}

/** The subjectPublicKey BIT STRING contents of a DER SubjectPublicKeyInfo (for GOST: the DER OCTET STRING of x‖y). */
export function publicKeyBits(publicKeyInfo: Uint8Array): Uint8Array {
  const spki = decode(publicKeyInfo);
  const bits = spki instanceof asn1js.Sequence ? spki.valueBlock.value[1] : undefined;
  if (!(bits instanceof asn1js.BitString)) throw new TypeError('not a SubjectPublicKeyInfo');
  return bits.valueBlock.valueHexView;
}
