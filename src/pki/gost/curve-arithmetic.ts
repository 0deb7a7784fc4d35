// Point arithmetic on a GOST curve with BigInt. Points in Jacobian coordinates (x = X/Z², y = Y/Z³) so that additions
// need no inversion; an inversion costs as much as ~150 multiplications. Not constant-time: it handles public data
// (verification) and the keys of tests and the test PKI only.

import type { GostCurve } from './curves.ts';

/** Jacobian point with coordinates in [0, p); z = 0 is the point at infinity. Mutated in place by the adders. */
export interface JacobianPoint {
  x: bigint;
  y: bigint;
  z: bigint;
}

export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

export interface CurveArithmetic {
  readonly curve: GostCurve;
  /** Multiplication modulo p of factors below 2^(bits + 4) in absolute value; the result is in [0, p). */
  mul(a: bigint, b: bigint): bigint;
  /** acc ← acc + (x, y); (x, y) is an affine point with coordinates in [0, p). */
  addAffine(acc: JacobianPoint, x: bigint, y: bigint): void;
  double(acc: JacobianPoint): void;
  /** k·P for any k ≥ 0 and affine P (binary method: for subgroup checks, not the hot path). */
  multiply(point: AffinePoint, k: bigint): JacobianPoint;
  /** Affine coordinates of finite points, with one field inversion for the whole batch. */
  toAffine(points: readonly JacobianPoint[]): AffinePoint[];
  isOnCurve(x: bigint, y: bigint): boolean;
}

export function modulo(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a⁻¹ mod m for a not divisible by the prime m (extended Euclid: several times faster than Fermat with BigInt). */
export function invert(a: bigint, m: bigint): bigint {
  let r0 = m;
  let r1 = modulo(a, m);
  let t0 = 0n;
  let t1 = 1n;
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    const r2 = r0 - quotient * r1;
    r0 = r1;
    r1 = r2;
    const t2 = t0 - quotient * t1;
    t0 = t1;
    t1 = t2;
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return t0 < 0n ? t0 + m : t0;
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** #E/q, the integer nearest (p + 1)/q, because #E is within 2√p of p + 1 (Hasse). */
export function cofactor(curve: GostCurve): bigint {
  return (curve.p + 1n + curve.q / 2n) / curve.q;
}

/**
 * Reduction modulo p. The standard curves have p = 2^k − c with a small c, where folding the high part down
 * (2^k ≡ c) is ~1.5 times faster than `%`; the RFC example curves fall back to `%`.
 */
function reducer(p: bigint): (t: bigint) => bigint {
  const k = BigInt(bitLength(p));
  const c = (1n << k) - p;
  if (c >= 1n << 16n) return (t) => modulo(t, p);
  const mask = (1n << k) - 1n;
  // Two folds bring |t| < 2^(2k + 8) to (−2^30, 2^k + 2^30), which one correction maps into [0, p).
  return (t) => {
    t = (t & mask) + (t >> k) * c;
    t = (t & mask) + (t >> k) * c;
    if (t >= p) return t - p;
    if (t < 0n) return t + p;
    return t;
  };
}

function createCurveArithmetic(curve: GostCurve): CurveArithmetic {
  const { p, a, b } = curve;
  const reduce = reducer(p);
  const mul = (x: bigint, y: bigint): bigint => reduce(x * y);

  function double(acc: JacobianPoint): void {
    const { x, y, z } = acc;
    if (z === 0n) return;
    const xx = mul(x, x);
    const yy = mul(y, y);
    const yyyy = mul(yy, yy);
    const zz = mul(z, z);
    const s = reduce(2n * (mul(x + yy, x + yy) - xx - yyyy));
    const m = reduce(3n * xx + a * mul(zz, zz));
    const x3 = reduce(m * m - 2n * s);
    acc.y = reduce(m * (s - x3) - 8n * yyyy);
    acc.z = reduce(2n * y * z);
    acc.x = x3;
  }

  function addAffine(acc: JacobianPoint, x2: bigint, y2: bigint): void {
    const { x: x1, y: y1, z: z1 } = acc;
    if (z1 === 0n) {
      acc.x = x2;
      acc.y = y2;
      acc.z = 1n;
      return;
    }
    const z1z1 = mul(z1, z1);
    const h = mul(x2, z1z1) - x1;
    const r = mul(y2, mul(z1, z1z1)) - y1;
    if (h === 0n) {
      if (r === 0n) double(acc);
      else acc.z = 0n;
      return;
    }
    const hh = mul(h, h);
    const hhh = mul(h, hh);
    const v = mul(x1, hh);
    let x3 = mul(r, r) - hhh - 2n * v;
    while (x3 < 0n) x3 += p;
    let y3 = mul(r, v - x3) - mul(y1, hhh);
    if (y3 < 0n) y3 += p;
    acc.x = x3;
    acc.y = y3;
    acc.z = mul(z1, h);
  }

  function multiply(point: AffinePoint, k: bigint): JacobianPoint {
    const acc: JacobianPoint = { x: 0n, y: 0n, z: 0n };
    const bits = k.toString(2);
    for (let i = 0; i < bits.length; i++) {
      double(acc);
      if (bits.charCodeAt(i) === 49) addAffine(acc, point.x, point.y);
    }
    return acc;
  }

  function toAffine(points: readonly JacobianPoint[]): AffinePoint[] {
    // Montgomery's trick: invert the product of all Z once, then peel the single inverses off the prefix products.
    const prefix: bigint[] = new Array(points.length);
    let product = 1n;
    for (let i = 0; i < points.length; i++) {
      const z = points[i]!.z;
      if (z === 0n) throw new RangeError('the point at infinity has no affine coordinates');
      prefix[i] = product;
      product = mul(product, z);
    }
    let inverse = invert(product, p);
    const result: AffinePoint[] = new Array(points.length);
    for (let i = points.length - 1; i >= 0; i--) {
      const point = points[i]!;
      const zInverse = mul(inverse, prefix[i]!);
      inverse = mul(inverse, point.z);
      const zz = mul(zInverse, zInverse);
      result[i] = { x: mul(point.x, zz), y: mul(point.y, mul(zz, zInverse)) };
    }
    return result;
  }

  function isOnCurve(x: bigint, y: bigint): boolean {
    if (x < 0n || x >= p || y < 0n || y >= p) return false;
    return mul(y, y) === reduce(mul(mul(x, x) + a, x) + b);
  }

  return { curve, mul, addAffine, double, multiply, toAffine, isOnCurve };
}

const arithmetics = new WeakMap<GostCurve, CurveArithmetic>();

export function curveArithmetic(curve: GostCurve): CurveArithmetic {
  let arithmetic = arithmetics.get(curve);
  if (!arithmetic) {
    arithmetic = createCurveArithmetic(curve);
    arithmetics.set(curve, arithmetic);
  }
  return arithmetic;
}
