// Fixed-base scalar multiplication: with the multiples j·256^i·P (1 ≤ j ≤ 128) stored in affine form, k·P is a sum
// of one table point per byte of k, with no doublings — about 65 mixed additions for a 512-bit k instead of ~600
// point operations. Bytes are recoded into signed digits in [−127, 128] so that a row needs 128 points rather than 255
// (a negative digit adds the negated point, which costs one subtraction).
//
// Size: (byte length of q + 1) rows × 128 points; for a 512-bit curve 8,320 points ≈ 1.5 MB of BigInts, built in
// ~50 ms. Tables are built on first use: one per curve for G, one per precomputed public key.

import {
  type AffinePoint,
  type CurveArithmetic,
  type JacobianPoint,
  bitLength,
  curveArithmetic,
} from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';

const ROW = 128;

export interface FixedBaseTable {
  /** acc ← acc + k·P, for 0 ≤ k < q. */
  multiplyAdd(acc: JacobianPoint, k: bigint): void;
}

export function fixedBaseTable(arithmetic: CurveArithmetic, point: AffinePoint): FixedBaseTable {
  const { p, q } = arithmetic.curve;
  // The extra row takes the carry out of the top byte of the recoding.
  const rows = Math.ceil(bitLength(q) / 8) + 1;
  const xs: bigint[] = new Array(rows * ROW);
  const ys: bigint[] = new Array(rows * ROW);

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
    for (let j = 0; j < ROW; j++) {
      xs[row * ROW + j] = affine[j]!.x;
      ys[row * ROW + j] = affine[j]!.y;
    }
    base = affine[ROW]!;
  }

  function multiplyAdd(acc: JacobianPoint, k: bigint): void {
    const hex = k.toString(16);
    let carry = 0;
    for (let row = 0, end = hex.length; row < rows; row++, end -= 2) {
      let digit = carry + (end > 0 ? parseInt(hex.slice(Math.max(0, end - 2), end), 16) : 0);
      carry = digit > ROW ? 1 : 0;
      if (carry) digit -= 256;
      if (digit === 0) continue;
      const index = row * ROW + Math.abs(digit) - 1;
      arithmetic.addAffine(acc, xs[index]!, digit > 0 ? ys[index]! : p - ys[index]!);
    }
  }

  return { multiplyAdd };
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
