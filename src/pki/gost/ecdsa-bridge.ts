// GOST R 34.10 verification run by OpenSSL's ECDSA, which Node exposes for keys with explicit curve parameters.
//
// GOST accepts (r, s) for e when x(z1·G + z2·Q) mod q = r, with z1 = s/e and z2 = −r/e. ECDSA over a generator
// G′ accepts (r′, s′) for a digest h when x(u1·G′ + u2·Q) mod q = r′, with u1 = h/s′ and u2 = r′/s′. Node hashes
// the message itself, so h is the fixed h0 of a fixed message M0; the other values are ours to choose:
//   r′ = r,  s′ = −e,  G′ = (−s/h0)·G   ⇒   u2 = −r/e = z2,  u1·G′ = (h0/−e)·(−s/h0)·G = z1·G.
// Both sides are then the same equation, so the answer is exactly GOST's. OpenSSL's own checks hold: r′ = r is in
// [1, q−1] (checked by the caller), s′ too as e ∈ [1, q−1], and G′ is a point of order q as s ≠ 0.
// G′ costs one fixed-base multiplication (a table of G, in WebAssembly: field-kernel.ts) and one inversion; OpenSSL then
// does the double-scalar multiplication with native bignums. Per signature on a 512-bit curve that is ~0.14 ms for G′
// and ~1 ms for OpenSSL to import the key and check, under half the time of the whole check in BigInt.

import { type KeyObject, createHash, createPublicKey, verify } from 'node:crypto';
import { bigIntFromBigEndian, writeBigEndian } from './bigint-bytes.ts';
import { type AffinePoint, bitLength, cofactor, invert } from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';
import { generatorTable } from './fixed-base-table.ts';

const M0 = Buffer.from('Kilt: GOST R 34.10 through ECDSA');
const HASH = 'sha512';
const ID_EC_PUBLIC_KEY = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]; // 1.2.840.10045.2.1
const PRIME_FIELD = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x01, 0x01]; // 1.2.840.10045.1.1

function tlv(tag: number, ...parts: (number[] | Uint8Array)[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const header =
    length < 0x80 ? [tag, length] : length < 0x100 ? [tag, 0x81, length] : [tag, 0x82, length >> 8, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function derInteger(value: bigint): Uint8Array {
  const length = Math.floor(bitLength(value) / 8) + 1; // room for the sign bit
  const bytes = new Uint8Array(length);
  writeBigEndian(value, length, bytes, 0);
  return tlv(0x02, bytes);
}

function fixedWidth(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  writeBigEndian(value, length, bytes, 0);
  return bytes;
}

function uncompressedPoint(point: AffinePoint, size: number): Uint8Array {
  const bytes = new Uint8Array(1 + 2 * size);
  bytes[0] = 0x04;
  writeBigEndian(point.x, size, bytes, 1);
  writeBigEndian(point.y, size, bytes, 1 + size);
  return bytes;
}

/** Leftmost bits of the digest, as many as q has: how ECDSA (SEC 1 §4.1.4 step 5) turns a hash into an integer. */
function digestInteger(digest: Uint8Array, q: bigint): bigint {
  const excess = 8 * digest.length - bitLength(q);
  const value = bigIntFromBigEndian(digest);
  return excess > 0 ? value >> BigInt(excess) : value;
}

interface BridgeCurve {
  /** −1/h0 mod q: G′ = (s·minusInverseH0 mod q)·G. */
  readonly minusInverseH0: bigint;
  /** SubjectPublicKeyInfo with explicit parameters for a key Q and a generator G′, as bytes around G′. */
  spkiParts(publicKey: AffinePoint): { readonly before: Uint8Array; readonly after: Uint8Array };
}

function createBridgeCurve(curve: GostCurve): BridgeCurve {
  const { p, a, b, q, size } = curve;
  const h0 = digestInteger(createHash(HASH).update(M0).digest(), q) % q;
  if (h0 === 0n) throw new Error(`the fixed message hashes to 0 mod q on ${curve.name}`);
  const fieldId = tlv(0x30, PRIME_FIELD, derInteger(p));
  const coefficients = tlv(0x30, tlv(0x04, fixedWidth(a, size)), tlv(0x04, fixedWidth(b, size)));
  const tail = [...derInteger(q), ...derInteger(cofactor(curve))];
  const version = [0x02, 0x01, 0x01];
  const marker = new Uint8Array(1 + 2 * size); // stands for G′ while the lengths are laid out
  return {
    minusInverseH0: q - invert(h0, q),
    spkiParts(publicKey) {
      const parameters = tlv(0x30, version, fieldId, coefficients, tlv(0x04, marker), tail);
      const key = tlv(0x03, [0x00], uncompressedPoint(publicKey, size));
      const spki = tlv(0x30, tlv(0x30, ID_EC_PUBLIC_KEY, parameters), key);
      const markerEnd = spki.length - key.length - tail.length;
      const markerStart = markerEnd - marker.length;
      return { before: spki.subarray(0, markerStart), after: spki.subarray(markerEnd) };
    },
  };
}

const bridgeCurves = new WeakMap<GostCurve, BridgeCurve>();

function bridgeCurve(curve: GostCurve): BridgeCurve {
  let bridge = bridgeCurves.get(curve);
  if (!bridge) {
    bridge = createBridgeCurve(curve);
    bridgeCurves.set(curve, bridge);
  }
  return bridge;
}

/**
 * Checks the GOST equation for the key Q with OpenSSL. The caller has validated Q and brought e, r, s into [1, q−1].
 */
export function ecdsaBridgeVerifier(
  curve: GostCurve,
  publicKey: AffinePoint,
): (e: bigint, r: bigint, s: bigint) => boolean {
  const { q, size } = curve;
  const bridge = bridgeCurve(curve);
  const { before, after } = bridge.spkiParts(publicKey);
  const spkiLength = before.length + 1 + 2 * size + after.length;
  return (e, r, s) => {
    const generator = generatorTable(curve).multiply((s * bridge.minusInverseH0) % q);
    const spki = Buffer.allocUnsafe(spkiLength);
    spki.set(before);
    spki.set(uncompressedPoint(generator, size), before.length);
    spki.set(after, spkiLength - after.length);
    const key: KeyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    // DER, because Node's 'ieee-p1363' conversion fails for keys without a named curve.
    return verify(HASH, M0, key, tlv(0x30, derInteger(r), derInteger(q - e)));
  };
}
