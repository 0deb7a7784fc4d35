import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type JacobianPoint, curveArithmetic, modulo } from '../../../src/pki/gost/curve-arithmetic.ts';
import { CRYPTOPRO_A, type GostCurve, TC26_256_A, TC26_512_A } from '../../../src/pki/gost/curves.ts';
import { kernelShape } from '../../../src/pki/gost/field-kernel.ts';
import { kernelField } from '../../../src/pki/gost/point-kernel.ts';
import { generatorTable } from '../../../src/pki/gost/fixed-base-table.ts';

const CURVES = [TC26_512_A, TC26_256_A, CRYPTOPRO_A];

const random = (curve: GostCurve, below: bigint): bigint => BigInt(`0x${randomBytes(curve.size + 8).toString('hex')}`) % below;

/** Values where carries and reductions reach their limits: around 0, p, 2^k and the limb boundaries. */
function edgeValues(curve: GostCurve): bigint[] {
  const { p } = curve;
  const top = 1n << BigInt(8 * curve.size);
  const c = top - p;
  return [0n, 1n, 2n, c, c - 1n, p - 1n, p - 2n, p - c, top / 2n, top / 2n - 1n, (1n << 32n) - 1n, 1n << 32n, top / 3n, (top - 1n) / 255n, p - (1n << 32n)];
}

/** k·G by the binary method in BigInt: the reference the tables must match. */
function reference(curve: GostCurve, k: bigint) {
  const arithmetic = curveArithmetic(curve);
  return arithmetic.toAffine([arithmetic.multiply({ x: curve.x, y: curve.y }, k)])[0]!;
}

describe.each(CURVES.map((curve) => [curve.name, curve] as const))('WebAssembly kernel on %s', (_, curve) => {
  const field = kernelField(curve)!;
  const { p, q } = curve;

  it('is used for this curve (p = 2^k − c with a small c)', () => {
    expect(kernelShape(curve)).toBeDefined();
  });

  it('multiplies, squares, subtracts and adds as BigInt does, at the edges and at random', () => {
    const values = [...edgeValues(curve), ...Array.from({ length: 40 }, () => random(curve, p))];
    for (const a of values) {
      expect(field.sqr(a)).toBe((a * a) % p);
      for (const b of values) {
        expect(field.mul(a, b)).toBe((a * b) % p);
        expect(field.sub(a, b)).toBe(modulo(a - b, p));
        expect(field.add(a, b)).toBe((a + b) % p);
      }
    }
  });

  it('gives k·G through its table as the binary method does, including the recoding carries', () => {
    const table = generatorTable(curve);
    const bytes = curve.size;
    const scalars = [
      1n, 2n, 127n, 128n, 129n, 255n, 256n, 0x8080n, 0x80ffn, q - 1n, q - 2n, (q - 1n) / 2n,
      BigInt(`0x${'80'.repeat(bytes - 1)}`), BigInt(`0x${'7f'.repeat(bytes - 1)}`), 1n << BigInt(8 * bytes - 9),
      ...Array.from({ length: 12 }, () => random(curve, q - 1n) + 1n),
    ];
    for (const k of scalars) expect(table.multiply(k)).toEqual(reference(curve, k));
  });

  it('adds onto an accumulator and falls back to BigInt for the exceptional additions', () => {
    const table = generatorTable(curve);
    const arithmetic = curveArithmetic(curve);
    const k = random(curve, q - 1n) + 1n;
    const point = reference(curve, k);
    const at = (affine: { x: bigint; y: bigint }): JacobianPoint => ({ x: affine.x, y: affine.y, z: 1n });

    // acc + k·G for an unrelated acc.
    const other = reference(curve, 12345n);
    const sum = at(other);
    table.multiplyAdd(sum, k);
    expect(arithmetic.toAffine([sum])[0]).toEqual(reference(curve, modulo(k + 12345n, q)));

    // −k·G + k·G: the last table point added is the negative of the accumulator.
    const cancelled = at({ x: point.x, y: p - point.y });
    table.multiplyAdd(cancelled, k);
    expect(cancelled.z).toBe(0n);

    // G + 1·G: the first table point equals the accumulator, a doubling.
    const doubled = at({ x: curve.x, y: curve.y });
    table.multiplyAdd(doubled, 1n);
    expect(arithmetic.toAffine([doubled])[0]).toEqual(reference(curve, 2n));
  });

  it('gives k·G + l·Q with Q multiplied by doublings, and hands back the exceptional cases', () => {
    const table = generatorTable(curve);
    const arithmetic = curveArithmetic(curve);
    const d = random(curve, q - 1n) + 1n;
    const key = reference(curve, d);
    const scalars = [1n, 2n, 15n, 16n, 17n, 31n, 32n, 33n, q - 1n, q - 16n, ...Array.from({ length: 8 }, () => random(curve, q - 1n) + 1n)];
    for (const l of scalars) {
      const k = random(curve, q - 1n) + 1n;
      const sum = table.combination(k, key, l)!;
      expect(arithmetic.toAffine([sum])[0]).toEqual(reference(curve, modulo(k + l * d, q)));
    }
    // 1·G + (q − 1)·G: the last table point added is the negative of the accumulator.
    expect(table.combination(1n, { x: curve.x, y: curve.y }, q - 1n)).toBeUndefined();
  });

  it('refuses the point at infinity in affine form', () => {
    expect(() => generatorTable(curve).multiply(0n)).toThrow(RangeError);
  });
});

describe('curves outside the kernel', () => {
  it('keeps BigInt tables for a p that is not 2^k − c with a small c', () => {
    const curve = { ...TC26_256_A, p: TC26_256_A.p - (1n << 200n) };
    expect(kernelShape(curve)).toBeUndefined();
    expect(kernelField(curve)).toBeUndefined();
  });
});
