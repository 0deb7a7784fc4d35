// Point arithmetic of GOST verification in WebAssembly, on the field functions of field-kernel.ts: the mixed additions
// of a fixed-base table, a variable-base multiplication (doublings and additions of odd multiples), and conversion to
// affine coordinates. BigInt allocates every intermediate value: one 512-bit table multiplication left ~600 KB of
// garbage, which made the GOST check of a sign-in the source of ~40% of its allocations. Here nothing is allocated.
//
// One instance per table: its memory holds the accumulator X, Y, Z (Jacobian), named scratch elements, then the
// table's affine points (x, y). The module is assembled per curve (wasm-encoding.ts). An addition whose two points are
// equal or opposite (h = 0) is not made: the function says so, and the caller computes that case another way (in
// BigInt, or through OpenSSL for a verification).

import { bigIntFromLittleEndian, writeLittleEndian } from './bigint-bytes.ts';
import type { AffinePoint, JacobianPoint } from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';
import { FIELD, type KernelShape, fieldFunctions, kernelShape } from './field-kernel.ts';
import {
  EMPTY_BLOCK, I32, type WasmFunction, assembleModule, bodyBuilder, call, get, i32, i64, op, set, store32, tee,
} from './wasm-encoding.ts';

/** Odd multiples Q, 3Q, …, 15Q of the variable base: the digits of a width-5 NAF. */
const MULTIPLES = 8;

/** Elements before the table, in this order; each `size` bytes. */
const SLOTS = [
  'x', 'y', 'z',
  // additions
  'z1z1', 'z2z2', 'u1', 'u2', 's1', 's2', 'h', 'r', 'hh', 'hhh', 'v', 'x3', 't', 'minusY2',
  // doubling
  'xx', 'yy', 'yyyy', 's', 'm', 'delta', 'gamma', 'beta', 'alpha',
  // the curve's a, the variable base Q (affine) and 2Q
  'a', 'qx', 'qy', 'twoQx', 'twoQy', 'twoQz',
  // the odd multiples (Jacobian)
  ...Array.from({ length: MULTIPLES }, (_, i) => [`m${i}x`, `m${i}y`, `m${i}z`] as const).flat(),
  // inversion: z^1 … z^15 and the running power
  ...Array.from({ length: 15 }, (_, i) => `power${i + 1}` as const), 'power',
  // never written
  'zero',
] as const;
type Slot = (typeof SLOTS)[number];

function layout(limbs: number) {
  const size = 4 * limbs;
  return { size, at: (slot: Slot) => SLOTS.indexOf(slot) * size, table: SLOTS.length * size };
}

/** The point functions, in module order after the field functions. */
const POINT = { addTable: 5, addJacobian: 6, addMultiple: 7, double: 8, prepareMultiples: 9, affine: 10 } as const;

type Operand = Slot | { readonly local: number };

/** Calls of the field functions on elements named by their slots, or at addresses held in i32 locals. */
function fieldCalls(limbs: number) {
  const { at } = layout(limbs);
  const address = (operand: Operand) => (typeof operand === 'string' ? i32(at(operand)) : get(operand.local));
  const callOn = (fn: number) => (...operands: Operand[]) => [...operands.flatMap(address), ...call(fn)];
  const binary = (fn: number) => callOn(fn) as (dst: Operand, a: Operand, b: Operand) => number[];
  const sub = binary(FIELD.sub);
  return {
    mul: binary(FIELD.mul),
    sqr: callOn(FIELD.sqr) as (dst: Operand, a: Operand) => number[],
    sub,
    add: binary(FIELD.add),
    copy: (dst: Operand, a: Operand) => sub(dst, a, 'zero'),
    setOne: (slot: Slot) => Array.from({ length: limbs }, (_, i) => [...i32(at(slot)), ...i64(i === 0 ? 1n : 0n), ...store32(i)]).flat(),
    isZero: (operand: Operand) => [...address(operand), ...call(FIELD.isZero)],
  };
}

/**
 * The end of an addition once both points are scaled to one z: u1, s1 (x and y of acc, times z2² and z2³) and u2, s2
 * (of the other point, times z1² and z1³). Returns 1 from the function for h = u2 − u1 = 0, acc unchanged; else
 * acc ← the sum, with z ← z·z2·h (z2 omitted when 1), and returns 0.
 */
function sumFromScaled(limbs: number, u1: Slot, s1: Slot, z2?: Operand): number[] {
  const { mul, sqr, sub, copy, isZero } = fieldCalls(limbs);
  return [
    ...sub('h', 'u2', u1), ...sub('r', 's2', s1),
    ...isZero('h'), op.if, EMPTY_BLOCK, ...i32(1), op.return, op.end,
    ...sqr('hh', 'h'), ...mul('hhh', 'h', 'hh'), ...mul('v', u1, 'hh'),
    ...sqr('x3', 'r'), ...sub('x3', 'x3', 'hhh'), ...sub('x3', 'x3', 'v'), ...sub('x3', 'x3', 'v'),
    ...sub('t', 'v', 'x3'), ...mul('t', 'r', 't'), ...mul(s1, s1, 'hhh'), ...sub('y', 't', s1),
    ...(z2 === undefined ? [] : mul('z', 'z', z2)), ...mul('z', 'z', 'h'), ...copy('x', 'x3'), ...i32(0),
  ];
}

/**
 * addTable(index, negate) → 0, or 1 for an exceptional addition (acc unchanged): acc ← acc ± table[index], the
 * formulas of curve-arithmetic.ts's addAffine.
 */
function tableAddition(shape: KernelShape): WasmFunction {
  const { size, at, table } = layout(shape.limbs);
  const { mul, sqr, sub, copy, setOne, isZero } = fieldCalls(shape.limbs);
  const [index, negate] = [0, 1];
  const x2 = { local: 2 };
  const y2 = { local: 3 };
  const { body, emit } = bodyBuilder();
  emit(get(index), i32(2 * size), [op.i32Mul], i32(table), [op.i32Add], tee(x2.local), i32(size), [op.i32Add], set(y2.local));
  emit(get(negate), [op.if, EMPTY_BLOCK], sub('minusY2', 'zero', y2), i32(at('minusY2')), set(y2.local), [op.end]);
  // At infinity the sum is the point itself, with z = 1.
  emit(isZero('z'), [op.if, EMPTY_BLOCK], copy('x', x2), copy('y', y2), setOne('z'), i32(0), [op.return, op.end]);
  emit(sqr('z1z1', 'z'), mul('u2', x2, 'z1z1'), mul('t', 'z', 'z1z1'), mul('s2', y2, 't'));
  emit(sumFromScaled(shape.limbs, 'x', 'y'));
  return { params: [I32, I32], results: [I32], locals: { count: 2, type: I32 }, body, export: 'addTable' };
}

/**
 * addJacobian(point, negate) → 0, or 1 for an exceptional addition (acc unchanged): acc ← acc ± the finite Jacobian
 * point whose x, y, z are at `point`, `point` + size, `point` + 2·size.
 */
function jacobianAddition(shape: KernelShape): WasmFunction {
  const { size, at } = layout(shape.limbs);
  const { mul, sqr, sub, copy, isZero } = fieldCalls(shape.limbs);
  const [point, negate] = [0, 1];
  const [x2, y2, z2] = [{ local: 0 }, { local: 2 }, { local: 3 }];
  const { body, emit } = bodyBuilder();
  emit(get(point), i32(size), [op.i32Add], tee(y2.local), i32(size), [op.i32Add], set(z2.local));
  emit(get(negate), [op.if, EMPTY_BLOCK], sub('minusY2', 'zero', y2), i32(at('minusY2')), set(y2.local), [op.end]);
  emit(isZero('z'), [op.if, EMPTY_BLOCK], copy('x', x2), copy('y', y2), copy('z', z2), i32(0), [op.return, op.end]);
  emit(sqr('z1z1', 'z'), sqr('z2z2', z2), mul('u1', 'x', 'z2z2'), mul('u2', x2, 'z1z1'));
  emit(mul('t', z2, 'z2z2'), mul('s1', 'y', 't'), mul('t', 'z', 'z1z1'), mul('s2', y2, 't'));
  emit(sumFromScaled(shape.limbs, 'u1', 's1', z2));
  return { params: [I32, I32], results: [I32], locals: { count: 2, type: I32 }, body };
}

/** addMultiple(index, negate): addJacobian of the odd multiple (2·index + 1)·Q. */
function multipleAddition(shape: KernelShape): WasmFunction {
  const { size, at } = layout(shape.limbs);
  const { body, emit } = bodyBuilder();
  emit(get(0), i32(3 * size), [op.i32Mul], i32(at('m0x')), [op.i32Add], get(1), call(POINT.addJacobian));
  return { params: [I32, I32], results: [I32], locals: { count: 0, type: I32 }, body, export: 'addMultiple' };
}

/**
 * double(): acc ← 2·acc; infinity stays infinity. For a = −3 (both 512-bit curves, CryptoPro A) with 3M + 5S
 * (dbl-2001-b of the Explicit-Formulas Database), else with the 3M + 7S of curve-arithmetic.ts's double.
 */
function doubling(shape: KernelShape, a: bigint): WasmFunction {
  const { mul, sqr, sub, add } = fieldCalls(shape.limbs);
  const { body, emit } = bodyBuilder();
  const times8 = (slot: Slot) => [...add(slot, slot, slot), ...add(slot, slot, slot), ...add(slot, slot, slot)];
  if (a === shape.p - 3n) {
    emit(sqr('delta', 'z'), sqr('gamma', 'y'), mul('beta', 'x', 'gamma'));
    // alpha = 3·(x − delta)·(x + delta); z3 = (y + z)² − gamma − delta, written over z (y and z are not read again)
    emit(sub('t', 'x', 'delta'), add('m', 'x', 'delta'), mul('alpha', 't', 'm'), add('t', 'alpha', 'alpha'), add('alpha', 'alpha', 't'));
    emit(add('z', 'y', 'z'), sqr('z', 'z'), sub('z', 'z', 'gamma'), sub('z', 'z', 'delta'));
    // x3 = alpha² − 8·beta over x; y3 = alpha·(4·beta − x3) − 8·gamma²
    emit(add('beta', 'beta', 'beta'), add('beta', 'beta', 'beta'), add('t', 'beta', 'beta'), sqr('x', 'alpha'), sub('x', 'x', 't'));
    emit(sub('t', 'beta', 'x'), mul('t', 'alpha', 't'), sqr('gamma', 'gamma'), times8('gamma'), sub('y', 't', 'gamma'));
  } else {
    emit(sqr('xx', 'x'), sqr('yy', 'y'), sqr('yyyy', 'yy'), sqr('s', 'z'));
    emit(mul('z', 'y', 'z'), add('z', 'z', 'z'));
    // m = 3·xx + a·z⁴ (s holds z² until here)
    emit(sqr('t', 's'), mul('t', 'a', 't'), add('m', 'xx', 'xx'), add('m', 'm', 'xx'), add('m', 'm', 't'));
    // s = 2·((x + yy)² − xx − yyyy); x3 = m² − 2·s over x; y3 = m·(s − x3) − 8·yyyy
    emit(add('t', 'x', 'yy'), sqr('t', 't'), sub('t', 't', 'xx'), sub('t', 't', 'yyyy'), add('s', 't', 't'));
    emit(sqr('x', 'm'), sub('x', 'x', 's'), sub('x', 'x', 's'));
    emit(sub('t', 's', 'x'), mul('t', 'm', 't'), times8('yyyy'), sub('y', 't', 'yyyy'));
  }
  return { params: [], results: [], locals: { count: 0, type: I32 }, body, export: 'double' };
}

/** prepareMultiples(): the odd multiples of the affine Q at qx, qy, by 2Q and additions of it; acc is overwritten. */
function multiplesPreparation(shape: KernelShape): WasmFunction {
  const { at } = layout(shape.limbs);
  const { copy, setOne } = fieldCalls(shape.limbs);
  const accToMultiple = (i: number) => [...copy(`m${i}x` as Slot, 'x'), ...copy(`m${i}y` as Slot, 'y'), ...copy(`m${i}z` as Slot, 'z')];
  const { body, emit } = bodyBuilder();
  emit(copy('x', 'qx'), copy('y', 'qy'), setOne('z'), accToMultiple(0));
  emit(call(POINT.double), copy('twoQx', 'x'), copy('twoQy', 'y'), copy('twoQz', 'z'));
  emit(copy('x', 'qx'), copy('y', 'qy'), setOne('z'));
  // (2i + 1)·Q = (2i − 1)·Q + 2Q is never exceptional for a point of large order.
  for (let i = 1; i < MULTIPLES; i++) emit(i32(at('twoQx')), i32(0), call(POINT.addJacobian), [op.drop], accToMultiple(i));
  return { params: [], results: [], locals: { count: 0, type: I32 }, body, export: 'prepareMultiples' };
}

/**
 * affine(): acc ← (x/z², y/z³, 1) for a finite acc (z ≠ 0), with 1/z = z^(p−2) by 4-bit windows: ~650 multiplications,
 * about the time of BigInt's extended Euclid without its garbage.
 */
function affineConversion(shape: KernelShape): WasmFunction {
  const { mul, sqr, copy, setOne } = fieldCalls(shape.limbs);
  const power = (i: number) => `power${i}` as Slot;
  const { body, emit } = bodyBuilder();
  emit(copy(power(1), 'z'), sqr(power(2), 'z'));
  for (let i = 3; i <= 15; i++) emit(mul(power(i), power(i - 1), 'z'));
  const nibbles = (shape.p - 2n).toString(16);
  emit(copy('power', power(Number.parseInt(nibbles[0]!, 16))));
  for (const nibble of nibbles.slice(1)) {
    for (let square = 0; square < 4; square++) emit(sqr('power', 'power'));
    const digit = Number.parseInt(nibble, 16);
    if (digit !== 0) emit(mul('power', 'power', power(digit)));
  }
  emit(sqr('t', 'power'), mul('x', 'x', 't'), mul('t', 't', 'power'), mul('y', 'y', 't'), setOne('z'));
  return { params: [], results: [], locals: { count: 0, type: I32 }, body, export: 'affine' };
}

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  mul(dst: number, a: number, b: number): void;
  sqr(dst: number, a: number): void;
  sub(dst: number, a: number, b: number): void;
  add(dst: number, a: number, b: number): void;
  addTable(index: number, negate: number): number;
  addMultiple(index: number, negate: number): number;
  double(): void;
  prepareMultiples(): void;
  affine(): void;
}

/** Compiled modules by curve and by the number of table points they have room for. */
const modules = new WeakMap<GostCurve, Map<number, WebAssembly.Module>>();

function kernelModule(curve: GostCurve, shape: KernelShape, points: number): WebAssembly.Module {
  let byPoints = modules.get(curve);
  if (!byPoints) modules.set(curve, (byPoints = new Map()));
  let module = byPoints.get(points);
  if (!module) {
    const { table, size } = layout(shape.limbs);
    const pages = Math.max(1, Math.ceil((table + points * 2 * size) / 65_536));
    // In the order of FIELD and POINT, by which the functions call each other.
    const functions = [
      ...fieldFunctions(shape),
      tableAddition(shape), jacobianAddition(shape), multipleAddition(shape), doubling(shape, curve.a), multiplesPreparation(shape), affineConversion(shape),
    ];
    module = new WebAssembly.Module(assembleModule(pages, functions));
    byPoints.set(points, module);
  }
  return module;
}

/**
 * k as a width-5 NAF, least significant digit first: odd digits in [−15, 15], any two non-zero ones at least five
 * apart. Worked on the bits as numbers, since BigInt steps would allocate at each of k's bits.
 */
function nafDigits(k: bigint): Int8Array {
  const binary = k.toString(2);
  const bits = new Uint8Array(binary.length + 6);
  for (let i = 0; i < binary.length; i++) bits[i] = binary.charCodeAt(binary.length - 1 - i) - 48;
  const digits = new Int8Array(binary.length + 1);
  for (let i = 0; i < digits.length; i++) {
    if (bits[i] === 0) continue;
    let window = 0;
    for (let j = 4; j >= 0; j--) window = 2 * window + bits[i + j]!;
    bits.fill(0, i, i + 5);
    if (window < 16) {
      digits[i] = window;
    } else {
      // window − 32: k gains 32·2^i, a carry into the bit after the window.
      digits[i] = window - 32;
      let at = i + 5;
      while (bits[at] === 1) bits[at++] = 0;
      bits[at] = 1;
    }
  }
  return digits;
}

/**
 * A fixed-base table's points in WebAssembly memory, with an accumulator there that the additions work on. Digits
 * name table points as ±(index + 1), the sign saying whether the point or its negative is added.
 */
export interface TableKernel {
  setPoint(index: number, point: AffinePoint): void;
  point(index: number): AffinePoint;
  load(acc: JacobianPoint): void;
  save(acc: JacobianPoint): void;
  /** Adds table points to the accumulator until one would be an exceptional addition; returns how many it added. */
  add(digits: readonly number[]): number;
  /** Sets the accumulator to l·Q (0 < l < q, Q of order q); false, with the accumulator spoilt, on an exceptional addition. */
  multiplyVariable(point: AffinePoint, l: bigint): boolean;
  /** The accumulator in affine coordinates; RangeError at infinity. */
  affine(): AffinePoint;
}

/** An instance of the kernel with BigInt access to its memory. */
function kernelInstance(curve: GostCurve, shape: KernelShape, points: number) {
  const { size, at, table } = layout(shape.limbs);
  const exports = new WebAssembly.Instance(kernelModule(curve, shape, points)).exports as unknown as KernelExports;
  // n little-endian 32-bit limbs are the number's bytes in little-endian order.
  const bytes = new Uint8Array(exports.memory.buffer);
  const write = (address: number, value: bigint) => writeLittleEndian(value, size, bytes, address);
  const read = (address: number): bigint => bigIntFromLittleEndian(bytes, address, address + size);
  write(at('a'), curve.a % curve.p);
  return { exports, write, read, at, size, table };
}

/** A kernel for a table of `points` points on `curve`, or undefined when the curve's p is not of the kernel's shape. */
export function tableKernel(curve: GostCurve, points: number): TableKernel | undefined {
  const shape = kernelShape(curve);
  if (!shape) return undefined;
  const { exports: kernel, write, read, at, size, table } = kernelInstance(curve, shape, points);
  const pointAt = (index: number) => table + index * 2 * size;
  const load = (acc: JacobianPoint) => {
    write(at('x'), acc.x);
    write(at('y'), acc.y);
    write(at('z'), acc.z);
  };
  return {
    setPoint(index, point) {
      write(pointAt(index), point.x);
      write(pointAt(index) + size, point.y);
    },
    point: (index) => ({ x: read(pointAt(index)), y: read(pointAt(index) + size) }),
    load,
    save(acc) {
      acc.x = read(at('x'));
      acc.y = read(at('y'));
      acc.z = read(at('z'));
    },
    add(digits) {
      let added = 0;
      while (added < digits.length && kernel.addTable(Math.abs(digits[added]!) - 1, digits[added]! < 0 ? 1 : 0) === 0) added++;
      return added;
    },
    multiplyVariable(point, l) {
      write(at('qx'), point.x);
      write(at('qy'), point.y);
      kernel.prepareMultiples();
      load({ x: 0n, y: 0n, z: 0n });
      const digits = nafDigits(l);
      let started = false;
      for (let i = digits.length - 1; i >= 0; i--) {
        if (started) kernel.double();
        const digit = digits[i]!;
        if (digit === 0) continue;
        if (kernel.addMultiple((Math.abs(digit) - 1) / 2, digit < 0 ? 1 : 0) !== 0) return false;
        started = true;
      }
      return true;
    },
    affine() {
      if (read(at('z')) === 0n) throw new RangeError('the point at infinity has no affine coordinates');
      kernel.affine();
      return { x: read(at('x')), y: read(at('y')) };
    },
  };
}

/** The kernel's field operations on BigInts in [0, p), to check them against BigInt's own arithmetic. */
export function kernelField(curve: GostCurve): Record<'mul' | 'sub' | 'add', (a: bigint, b: bigint) => bigint> & { sqr(a: bigint): bigint } | undefined {
  const shape = kernelShape(curve);
  if (!shape) return undefined;
  const { exports: kernel, write, read, at } = kernelInstance(curve, shape, 0);
  const run = (operation: (dst: number, a: number, b: number) => void) => (a: bigint, b = 0n) => {
    write(at('u1'), a);
    write(at('u2'), b);
    operation(at('t'), at('u1'), at('u2'));
    return read(at('t'));
  };
  return { mul: run(kernel.mul), sqr: run((dst, a) => kernel.sqr(dst, a)), sub: run(kernel.sub), add: run(kernel.add) };
}
