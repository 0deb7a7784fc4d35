// GOST R 34.10-2012 (= GOST R 34.10-2015 in Kazakhstan) signatures with KalkanCrypt's byte order:
//   public key = x ‖ y, signature = r ‖ s, each half `size` bytes little-endian;
//   e = (digest read little-endian) mod q, and 1 when that is 0.
// Verification runs in WebAssembly (point-kernel.ts) on the curves Kazakh keys use, and through OpenSSL
// (ecdsa-bridge.ts) on others and in the rare cases the kernel hands back. Keys verified many times (CA keys) can ask
// for `precompute`: a fixed-base table of Q then makes both multiplications table look-ups, faster still.
// The `…Raw` functions take and return plain integers, for test vectors printed as numbers.

import { randomBytes } from 'node:crypto';
import { bigIntFromLittleEndian, writeLittleEndian } from './bigint-bytes.ts';
import { type AffinePoint, type JacobianPoint, cofactor, curveArithmetic, invert, modulo } from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';
import { ecdsaBridgeVerifier } from './ecdsa-bridge.ts';
import { type FixedBaseTable, fixedBaseTable, generatorTable } from './fixed-base-table.ts';
import { kernelShape } from './field-kernel.ts';

export { CRYPTOPRO_A, type GostCurve, TC26_256_A, TC26_512_A } from './curves.ts';

export type GostPoint = AffinePoint;

export interface GostPublicKey {
  readonly curve: GostCurve;
  /** False for a wrong signature and for any malformed one (length, r or s outside [1, q−1]); never throws. */
  verify(digest: Uint8Array, signature: Uint8Array): boolean;
}

export interface GostKeyOptions {
  /** Build a ~1 MB table of the key on its first use (~50 ms), for keys that verify many signatures. */
  readonly precompute?: boolean;
}

/** GOST's e: the digest as an integer mod q, with 0 replaced by 1. */
function normalizedE(curve: GostCurve, e: bigint): bigint {
  return modulo(e, curve.q) || 1n;
}

function validatedPoint(curve: GostCurve, point: GostPoint): AffinePoint {
  const arithmetic = curveArithmetic(curve);
  if (!arithmetic.isOnCurve(point.x, point.y)) throw new RangeError(`not a point of ${curve.name}`);
  // With cofactor 1 every finite point of the curve has order q; otherwise (TC26_256_A) points outside the subgroup
  // must go, or keys with a small-order component would slip through.
  if (cofactor(curve) !== 1n && arithmetic.multiply(point, curve.q).z !== 0n) {
    throw new RangeError(`point outside the order-q subgroup of ${curve.name}`);
  }
  return { x: point.x, y: point.y };
}

type IntegerVerifier = (e: bigint, r: bigint, s: bigint) => boolean;

/** x(C) ≡ r (mod q) without an inversion: x(C) is one of r, r + q, … below p, and x(C) = X/Z². False at infinity. */
function xMatches(curve: GostCurve, acc: JacobianPoint, r: bigint): boolean {
  if (acc.z === 0n) return false;
  const arithmetic = curveArithmetic(curve);
  const zz = arithmetic.mul(acc.z, acc.z);
  for (let candidate = r; candidate < curve.p; candidate += curve.q) {
    if (arithmetic.mul(candidate, zz) === acc.x) return true;
  }
  return false;
}

/** Both multiplications from tables: ~2 × 65 mixed additions, no doubling, no OpenSSL round trip. */
function precomputedVerifier(curve: GostCurve, publicKey: AffinePoint): IntegerVerifier {
  const { q } = curve;
  let keyTable: FixedBaseTable | undefined;
  return (e, r, s) => {
    keyTable ??= fixedBaseTable(curveArithmetic(curve), publicKey);
    const v = invert(e, q);
    const acc: JacobianPoint = { x: 0n, y: 0n, z: 0n };
    generatorTable(curve).multiplyAdd(acc, (s * v) % q);
    keyTable.multiplyAdd(acc, ((q - r) * v) % q);
    return xMatches(curve, acc, r);
  };
}

/**
 * z2·Q by doublings and z1·G by the table of G, in WebAssembly (point-kernel.ts): about two thirds of the OpenSSL
 * bridge's time, allocating nothing. The bridge answers where the kernel does not (an exceptional addition).
 */
function kernelVerifier(curve: GostCurve, publicKey: AffinePoint): IntegerVerifier {
  const { q } = curve;
  let bridge: IntegerVerifier | undefined;
  return (e, r, s) => {
    const v = invert(e, q);
    const acc = generatorTable(curve).combination((s * v) % q, publicKey, ((q - r) * v) % q);
    if (acc) return xMatches(curve, acc, r);
    bridge ??= ecdsaBridgeVerifier(curve, publicKey);
    return bridge(e, r, s);
  };
}

function integerVerifier(curve: GostCurve, point: GostPoint, options: GostKeyOptions): IntegerVerifier {
  const publicKey = validatedPoint(curve, point);
  const check = options.precompute
    ? precomputedVerifier(curve, publicKey)
    : kernelShape(curve)
      ? kernelVerifier(curve, publicKey)
      : ecdsaBridgeVerifier(curve, publicKey);
  return (e, r, s) => r > 0n && r < curve.q && s > 0n && s < curve.q && check(normalizedE(curve, e), r, s);
}

/** Imports x_LE ‖ y_LE; throws RangeError for a wrong length, a point off the curve or outside the subgroup. */
export function gostPublicKey(curve: GostCurve, keyBytes: Uint8Array, options: GostKeyOptions = {}): GostPublicKey {
  const { size } = curve;
  if (keyBytes.length !== 2 * size) throw new RangeError(`a ${curve.name} public key has ${2 * size} bytes`);
  const point = { x: bigIntFromLittleEndian(keyBytes, 0, size), y: bigIntFromLittleEndian(keyBytes, size) };
  const check = integerVerifier(curve, point, options);
  return {
    curve,
    verify(digest, signature) {
      // A digest of another length belongs to another hash, so to another algorithm.
      if (digest.length !== size || signature.length !== 2 * size) return false;
      const r = bigIntFromLittleEndian(signature, 0, size);
      const s = bigIntFromLittleEndian(signature, size);
      return check(bigIntFromLittleEndian(digest), r, s);
    },
  };
}

/** GOST verification on integers (e before reduction mod q). Throws RangeError for a Q that is not a valid key. */
export function verifyGostRaw(
  curve: GostCurve,
  publicKey: GostPoint,
  e: bigint,
  r: bigint,
  s: bigint,
  options: GostKeyOptions = {},
): boolean {
  return integerVerifier(curve, publicKey, options)(e, r, s);
}

function checkedScalar(curve: GostCurve, value: bigint, what: string): bigint {
  if (value <= 0n || value >= curve.q) throw new RangeError(`${what} must be in [1, q − 1]`);
  return value;
}

/** Q = d·G. */
export function gostPublicPoint(curve: GostCurve, d: bigint): GostPoint {
  return generatorTable(curve).multiply(checkedScalar(curve, d, 'the private key'));
}

interface IntegerSignature {
  readonly r: bigint;
  readonly s: bigint;
}

/** A random k with its r = x(k·G) mod q: the costly half of a signature, which needs neither the key nor the message. */
export interface GostNonce {
  readonly k: bigint;
  readonly r: bigint;
}

/** x(k·G) mod q. */
const nonceR = (curve: GostCurve, k: bigint): bigint => generatorTable(curve).multiply(k).x % curve.q;

/** RFC 7091 §6.1 steps 5–6 for a checked d and a k with its r ≠ 0; undefined when s = 0. */
function signWithNonce(curve: GostCurve, d: bigint, e: bigint, { k, r }: GostNonce): IntegerSignature | undefined {
  const s = (r * d + k * normalizedE(curve, e)) % curve.q;
  return s === 0n ? undefined : { r, s };
}

/** RFC 7091 §6.1 steps 3–6 for a checked d and k; undefined when this k gives r = 0 or s = 0. */
function signWithK(curve: GostCurve, d: bigint, e: bigint, k: bigint): IntegerSignature | undefined {
  const r = nonceR(curve, k);
  return r === 0n ? undefined : signWithNonce(curve, d, e, { k, r });
}

/**
 * GOST signing with a given k; throws RangeError when that k yields r = 0 or s = 0.
 * Not constant-time: for tests and the test PKI, never for keys that matter.
 */
export function signGostRaw(curve: GostCurve, d: bigint, e: bigint, k: bigint): IntegerSignature {
  const signature = signWithK(curve, checkedScalar(curve, d, 'the private key'), e, checkedScalar(curve, k, 'k'));
  if (!signature) throw new RangeError('this k gives r = 0 or s = 0');
  return signature;
}

function privateScalar(curve: GostCurve, privateKeyLE: Uint8Array): bigint {
  if (privateKeyLE.length !== curve.size) throw new RangeError(`a ${curve.name} private key has ${curve.size} bytes`);
  return checkedScalar(curve, bigIntFromLittleEndian(privateKeyLE), 'the private key');
}

function randomK(curve: GostCurve): bigint {
  // 128 extra random bits make the bias of the reduction negligible.
  return (bigIntFromLittleEndian(randomBytes(curve.size + 16)) % (curve.q - 1n)) + 1n;
}

function signatureBytes(curve: GostCurve, signature: IntegerSignature): Uint8Array {
  const out = new Uint8Array(2 * curve.size);
  writeLittleEndian(signature.r, curve.size, out, 0);
  writeLittleEndian(signature.s, curve.size, out, curve.size);
  return out;
}

function checkedDigest(curve: GostCurve, digest: Uint8Array): bigint {
  if (digest.length !== curve.size) throw new RangeError(`${curve.name} signs digests of ${curve.size} bytes`);
  return bigIntFromLittleEndian(digest);
}

/** r_LE ‖ s_LE over a digest of `size` bytes; k is random unless given. Same caveat as signGostRaw. */
export function gostSign(curve: GostCurve, privateKeyLE: Uint8Array, digest: Uint8Array, k?: bigint): Uint8Array {
  const e = checkedDigest(curve, digest);
  const d = privateScalar(curve, privateKeyLE);
  let signature = k === undefined ? undefined : signGostRaw(curve, d, e, k);
  while (!signature) signature = signWithK(curve, d, e, randomK(curve));
  return signatureBytes(curve, signature);
}

export function gostNonce(curve: GostCurve): GostNonce {
  for (;;) {
    const k = randomK(curve);
    const r = nonceR(curve, k);
    if (r !== 0n) return { k, r };
  }
}

/**
 * gostSign with a nonce made beforehand, used for this signature only; undefined in the rare case (s = 0) that wants
 * another nonce. For a load generator that must not take the CPU of the server it measures. Same caveat as signGostRaw.
 */
export function gostSignWithNonce(curve: GostCurve, privateKeyLE: Uint8Array, digest: Uint8Array, nonce: GostNonce): Uint8Array | undefined {
  const signature = signWithNonce(curve, privateScalar(curve, privateKeyLE), checkedDigest(curve, digest), nonce);
  return signature && signatureBytes(curve, signature);
}

/** x_LE ‖ y_LE of d·G. */
export function gostPublicKeyBytes(curve: GostCurve, privateKeyLE: Uint8Array): Uint8Array {
  const point = gostPublicPoint(curve, privateScalar(curve, privateKeyLE));
  const out = new Uint8Array(2 * curve.size);
  writeLittleEndian(point.x, curve.size, out, 0);
  writeLittleEndian(point.y, curve.size, out, curve.size);
  return out;
}
