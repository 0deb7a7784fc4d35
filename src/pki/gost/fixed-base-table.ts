// Fixed-base scalar multiplication: with the multiples j·256^i·P (1 ≤ j ≤ 128) stored in affine form, k·P is a sum
// of one table point per byte of k, with no doublings — about 65 mixed additions for a 512-bit k instead of ~600
// point operations. Bytes are recoded into signed digits in [−127, 128] so that a row needs 128 points rather than 255
// (a negative digit adds the negated point, which costs one subtraction).
//
// Size: (byte length of q + 1) rows × 128 points; for a 512-bit curve 8,320 points, built in BigInt in ~50 ms and kept
// in the WebAssembly memory of point-kernel.ts (1 MB), whose additions allocate nothing; as BigInts (1.5 MB) for a
// p the kernel cannot take (the RFC example curves). Tables are built on first use: one per curve for G, one per
// precomputed public key.

import {
  type AffinePoint,
  type CurveArithmetic,
  type JacobianPoint,
  bitLength,
  curveArithmetic,
} from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';
import { tableKernel } from './point-kernel.ts';

const ROW = 128;

export interface FixedBaseTable {
  /** acc ← acc + k·P, for 0 ≤ k < q. */
  multiplyAdd(acc: JacobianPoint, k: bigint): void;
  /** k·P in affine coordinates, for 0 < k < q (RangeError for 0). */
  multiply(k: bigint): AffinePoint;
  /**
   * k·P + l·Q for another point Q of order q and 0 < l < q, in WebAssembly: undefined where the table has no kernel
   * or an addition was exceptional, for the caller to compute otherwise.
   */
  combination(k: bigint, point: AffinePoint, l: bigint): JacobianPoint | undefined;
}

const INFINITY: Readonly<JacobianPoint> = { x: 0n, y: 0n, z: 0n };

/**
 * k (0 ≤ k < q) as signed base-256 digits, least significant first, each as ±(its index in the table + 1): the bytes
 * of k, a byte above 128 taken as byte − 256 with a carry into the next.
 */
function tableDigits(k: bigint, rows: number): number[] {
  const hex = k.toString(16);
  const digits: number[] = [];
  let carry = 0;
  for (let row = 0, end = hex.length; row < rows; row++, end -= 2) {
    let digit = carry + (end > 0 ? parseInt(hex.slice(Math.max(0, end - 2), end), 16) : 0);
    carry = digit > ROW ? 1 : 0;
    if (carry) digit -= 256;
    if (digit !== 0) digits.push(Math.sign(digit) * (row * ROW + Math.abs(digit)));
  }
  return digits;
}

export function fixedBaseTable(arithmetic: CurveArithmetic, point: AffinePoint): FixedBaseTable {
  const { p, q } = arithmetic.curve;
  // The extra row takes the carry out of the top byte of the recoding.
  const rows = Math.ceil(bitLength(q) / 8) + 1;
  const kernel = tableKernel(arithmetic.curve, rows * ROW);
  const points: AffinePoint[] = [];
  const store = kernel ? (index: number, affine: AffinePoint) => kernel.setPoint(index, affine) : (index: number, affine: AffinePoint) => void (points[index] = affine);
  const pointAt = kernel ? (index: number) => kernel.point(index) : (index: number) => points[index]!;

  let base = point;
  for (let row = 0; row < rows; row++) {
    const acc: JacobianPoint = { x: base.x, y: base.y, z: 1n };
    const multiples: JacobianPoint[] = [{ ...acc }];
    for (let j = 2; j <= ROW; j++) {
      arithmetic.addAffine(acc, base.x, base.y);
      multiples.push({ ...acc });
    }
    arithmetic.double(acc);
    multiples.push(acc);
    const affine = arithmetic.toAffine(multiples);
    for (let j = 0; j < ROW; j++) store(row * ROW + j, affine[j]!);
    base = affine[ROW]!;
  }

  function multiplyAdd(acc: JacobianPoint, k: bigint): void {
    const digits = tableDigits(k, rows);
    let added = 0;
    if (kernel) {
      kernel.load(acc);
      added = kernel.add(digits);
      kernel.save(acc);
    }
    // Without a kernel, and after an exceptional addition (a point equal to ±acc), which BigInt handles.
    for (let i = added; i < digits.length; i++) {
      const { x, y } = pointAt(Math.abs(digits[i]!) - 1);
      arithmetic.addAffine(acc, x, digits[i]! > 0 ? y : p - y);
    }
  }

  function multiply(k: bigint): AffinePoint {
    if (kernel) {
      const digits = tableDigits(k, rows);
      kernel.load(INFINITY);
      if (kernel.add(digits) === digits.length) return kernel.affine();
    }
    const acc = { ...INFINITY };
    multiplyAdd(acc, k);
    return arithmetic.toAffine([acc])[0]!;
  }

  function combination(k: bigint, other: AffinePoint, l: bigint): JacobianPoint | undefined {
    if (!kernel || !kernel.multiplyVariable(other, l)) return undefined;
    const digits = tableDigits(k, rows);
    if (kernel.add(digits) !== digits.length) return undefined;
    const acc = { ...INFINITY };
    kernel.save(acc);
    return acc;
  }

  return { multiplyAdd, multiply, combination };
}

const generatorTables = new WeakMap<GostCurve, FixedBaseTable>();

export function generatorTable(curve: GostCurve): FixedBaseTable {
  let table = generatorTables.get(curve);
  if (!table) {
    table = fixedBaseTable(curveArithmetic(curve), { x: curve.x, y: curve.y });
    generatorTables.set(curve, table);
  }
  return table;
}
