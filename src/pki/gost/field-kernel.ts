// Fixed-base table arithmetic in WebAssembly, for curves whose p is 2^(32n) − c with a small c (every curve Kazakh
// keys use). BigInt allocates every intermediate value: the ~65 mixed additions of one 512-bit table multiplication
// left about 600 KB of garbage, which made the GOST check of a sign-in the source of ~40% of its allocations and so of
// its collections. Here field elements are n 32-bit limbs in linear memory, the module allocates nothing, and a table
// multiplication with its conversion to affine coordinates takes about half the time of BigInt's.
//
// The module is assembled per curve (wasm-encoding.ts) with its arithmetic unrolled for n and c. Memory holds the
// accumulator X, Y, Z (Jacobian), scratch elements, then the table's affine points (x, y) in order; every element is n
// little-endian 32-bit limbs in [0, p) (canonical, so that zero is all limbs zero).

import { EMPTY_BLOCK, I32, I64, type WasmFunction, assembleModule, memoryArgument, op, signedLeb, unsignedLeb } from './wasm-encoding.ts';
import { type AffinePoint, type JacobianPoint, bitLength } from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';

const MASK = 0xffffffffn;
/** Functions in the module, by index. */
const MUL = 0;
const SQR = 1;
const SUB = 2;
const IS_ZERO = 3;

/** What a curve's kernel needs: p = 2^(32·limbs) − c. */
interface KernelShape {
  readonly limbs: number;
  readonly c: bigint;
  readonly p: bigint;
}

/** The shape of p when the kernel can work modulo it: 2^(32n) − c with c below 2^16, as the reducer in BigInt needs. */
export function kernelShape(curve: GostCurve): KernelShape | undefined {
  const bits = bitLength(curve.p);
  if (bits % 32 !== 0) return undefined;
  const c = (1n << BigInt(bits)) - curve.p;
  return c > 0n && c < 1n << 16n ? { limbs: bits / 32, c, p: curve.p } : undefined;
}

const get = (local: number) => [op.localGet, ...unsignedLeb(local)];
const set = (local: number) => [op.localSet, ...unsignedLeb(local)];
const tee = (local: number) => [op.localTee, ...unsignedLeb(local)];
const i64 = (value: bigint) => [op.i64Const, ...signedLeb(value)];
const i32 = (value: number) => [op.i32Const, ...signedLeb(BigInt(value))];
const load = (addressLocal: number, limb: number) => [...get(addressLocal), op.i64Load32U, ...memoryArgument(4 * limb)];
const store = (limb: number) => [op.i64Store32, ...memoryArgument(4 * limb)];
const call = (fn: number) => [op.call, ...unsignedLeb(fn)];
/** value (on the stack) → its low 32 bits into `digit`, the rest into `carry`, through `scratch`. */
const split = (scratch: number, digit: number, carry: number) => [
  ...tee(scratch), ...i64(MASK), op.i64And, ...set(digit),
  ...get(scratch), ...i64(32n), op.i64ShrU, ...set(carry),
];

/** A function body built piece by piece (a spread of thousands of instructions would overflow the call stack). */
function bodyBuilder(): { readonly body: number[]; emit(...parts: readonly (readonly number[])[]): void } {
  const body: number[] = [];
  return {
    body,
    emit(...parts) {
      for (const part of parts) for (const byte of part) body.push(byte);
    },
  };
}

/**
 * mul(dst, a, b): dst ← a·b mod p, or with `squaring` sqr(dst, a): dst ← a² mod p, which needs about half the
 * products. dst may be a or b: both are read whole before anything is written.
 */
function product({ limbs: n, c }: KernelShape, squaring: boolean): WasmFunction {
  const [dst, a, b] = [0, 1, 2];
  const first = squaring ? 2 : 3;
  const A = (i: number) => first + i;
  const B = squaring ? A : (j: number) => first + n + j;
  const R = (k: number) => first + (squaring ? n : 2 * n) + k;
  const [value, lo, hi, carry, hiBefore] = [0, 1, 2, 3, 4].map((i) => R(2 * n) + i) as [number, number, number, number, number];
  const { body, emit } = bodyBuilder();
  for (let i = 0; i < n; i++) emit(load(a, i), set(A(i)));
  if (!squaring) for (let j = 0; j < n; j++) emit(load(b, j), set(B(j)));
  const addProduct = (i: number, j: number) => {
    emit(get(A(i)), get(B(j)), [op.i64Mul], tee(value), i64(MASK), [op.i64And], get(lo), [op.i64Add], set(lo));
    emit(get(value), i64(32n), [op.i64ShrU], get(hi), [op.i64Add], set(hi));
  };
  const double = (local: number) => emit(get(local), i64(1n), [op.i64Shl], set(local));
  // Column by column: each 64-bit product splits into halves summed apart (2n of them stay below 2^38), the high
  // halves joining the next column.
  emit(i64(0n), set(carry), i64(0n), set(hiBefore));
  for (let k = 0; k < 2 * n - 1; k++) {
    emit(i64(0n), set(lo), i64(0n), set(hi));
    const from = Math.max(0, k - n + 1);
    const to = Math.min(k, n - 1);
    if (squaring) {
      // a_i·a_j and a_j·a_i once, doubled, then the square of the middle limb.
      for (let i = from; i < k - i; i++) addProduct(i, k - i);
      double(lo);
      double(hi);
      if (k % 2 === 0) addProduct(k / 2, k / 2);
    } else {
      for (let i = from; i <= to; i++) addProduct(i, k - i);
    }
    emit(get(lo), get(carry), [op.i64Add], get(hiBefore), [op.i64Add], split(value, R(k), carry), get(hi), set(hiBefore));
  }
  emit(get(carry), get(hiBefore), [op.i64Add], set(R(2 * n - 1)));
  // 2^(32n) ≡ c: fold the high half onto the low one, then the carry out of the top until none is left (at most twice).
  emit(i64(0n), set(carry));
  for (let i = 0; i < n; i++) {
    emit(get(R(i)), get(R(n + i)), i64(c), [op.i64Mul], [op.i64Add], get(carry), [op.i64Add], split(value, R(i), carry));
  }
  emit([op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK], get(carry), [op.i64Eqz, op.brIf, 1]);
  emit(get(R(0)), get(carry), i64(c), [op.i64Mul], [op.i64Add], split(value, R(0), carry));
  for (let i = 1; i < n; i++) emit(get(R(i)), get(carry), [op.i64Add], split(value, R(i), carry));
  emit([op.br, 0, op.end, op.end]);
  // Below 2^(32n) now, so below 2p: subtract p once when r + c carries out of the top (r ≥ p), kept in A.
  emit(i64(c), set(carry));
  for (let i = 0; i < n; i++) emit(get(R(i)), get(carry), [op.i64Add], split(value, A(i), carry));
  for (let i = 0; i < n; i++) {
    emit(get(dst), get(A(i)), get(R(i)), get(carry), [op.i32WrapI64, op.select], store(i));
  }
  return { params: squaring ? [I32, I32] : [I32, I32, I32], results: [], locals: { count: (squaring ? 3 : 4) * n + 5, type: I64 }, body, export: squaring ? 'sqr' : 'mul' };
}

/** sub(dst, a, b): dst ← a − b mod p (a, b in [0, p)). dst may be a or b. */
function subtraction({ limbs: n, c }: KernelShape): WasmFunction {
  const [dst, a, b] = [0, 1, 2];
  const R = (i: number) => 3 + i;
  const [value, borrow] = [3 + n, 4 + n];
  const { body, emit } = bodyBuilder();
  const digitAndBorrow = (digit: number) => [...tee(value), ...i64(MASK), op.i64And, ...set(digit), ...get(value), ...i64(63n), op.i64ShrU, ...set(borrow)];
  emit(i64(0n), set(borrow));
  for (let i = 0; i < n; i++) emit(load(a, i), load(b, i), [op.i64Sub], get(borrow), [op.i64Sub], digitAndBorrow(R(i)));
  // Below zero it wrapped to a − b + 2^(32n); a − b + p is that minus c, never negative.
  emit(get(borrow), i64(c), [op.i64Mul], set(borrow));
  for (let i = 0; i < n; i++) emit(get(R(i)), get(borrow), [op.i64Sub], digitAndBorrow(R(i)));
  for (let i = 0; i < n; i++) emit(get(dst), get(R(i)), [op.i64Store32], memoryArgument(4 * i));
  return { params: [I32, I32, I32], results: [], locals: { count: n + 2, type: I64 }, body, export: 'sub' };
}

function zeroTest({ limbs: n }: KernelShape): WasmFunction {
  const { body, emit } = bodyBuilder();
  emit(load(0, 0));
  for (let i = 1; i < n; i++) emit(load(0, i), [op.i64Or]);
  emit([op.i64Eqz]);
  return { params: [I32], results: [I32], locals: { count: 0, type: I64 }, body };
}

/** Elements before the table, in this order; each `size` bytes. */
const SLOTS = [
  'x', 'y', 'z',
  // addition
  'z1z1', 'u2', 'z1z1z1', 's2', 'h', 'r', 'hh', 'hhh', 'v', 'x3', 't', 'minusY2',
  // inversion: z^1 … z^15 and the running power
  ...Array.from({ length: 15 }, (_, i) => `power${i + 1}`), 'power',
  // never written
  'zero',
] as const;
type Slot = (typeof SLOTS)[number];

function layout(limbs: number) {
  const size = 4 * limbs;
  return { size, at: (slot: Slot) => SLOTS.indexOf(slot) * size, table: SLOTS.length * size };
}

type Operand = Slot | { readonly local: number };

/** Calls of mul and sub on elements named by their slots, or at addresses held in i32 locals. */
function fieldCalls(limbs: number) {
  const { at } = layout(limbs);
  const address = (operand: Operand) => (typeof operand === 'string' ? i32(at(operand)) : get(operand.local));
  const callOn = (fn: number) => (...operands: Operand[]) => [...operands.flatMap(address), ...call(fn)];
  const setOne = (slot: Slot) => Array.from({ length: limbs }, (_, i) => [...i32(at(slot)), ...i64(i === 0 ? 1n : 0n), ...store(i)]).flat();
  const sub = callOn(SUB);
  return {
    mul: callOn(MUL) as (dst: Operand, a: Operand, b: Operand) => number[],
    sqr: callOn(SQR) as (dst: Operand, a: Operand) => number[],
    sub: sub as (dst: Operand, a: Operand, b: Operand) => number[],
    copy: (dst: Operand, a: Operand) => sub(dst, a, 'zero'),
    setOne,
  };
}

/**
 * add(index, negate) → 0, or 1 when the addition is exceptional (the point is ±acc) and acc is left unchanged:
 * acc ← acc ± table[index], with the formulas of curve-arithmetic.ts's addAffine.
 */
function pointAddition(shape: KernelShape): WasmFunction {
  const { size, at, table } = layout(shape.limbs);
  const { mul, sqr, sub, copy, setOne } = fieldCalls(shape.limbs);
  const [index, negate] = [0, 1];
  const x2 = { local: 2 };
  const y2 = { local: 3 };
  const { body, emit } = bodyBuilder();
  emit(get(index), i32(2 * size), [op.i32Mul], i32(table), [op.i32Add], tee(x2.local), i32(size), [op.i32Add], set(y2.local));
  emit(get(negate), [op.if, EMPTY_BLOCK], sub('minusY2', 'zero', y2), i32(at('minusY2')), set(y2.local), [op.end]);
  // At infinity the sum is the point itself, with z = 1.
  emit(i32(at('z')), call(IS_ZERO), [op.if, EMPTY_BLOCK], copy('x', x2), copy('y', y2), setOne('z'), i32(0), [op.return, op.end]);
  emit(sqr('z1z1', 'z'), mul('u2', x2, 'z1z1'), mul('z1z1z1', 'z', 'z1z1'), mul('s2', y2, 'z1z1z1'));
  emit(sub('h', 'u2', 'x'), sub('r', 's2', 'y'));
  emit(i32(at('h')), call(IS_ZERO), [op.if, EMPTY_BLOCK], i32(1), [op.return, op.end]);
  emit(sqr('hh', 'h'), mul('hhh', 'h', 'hh'), mul('v', 'x', 'hh'));
  emit(sqr('x3', 'r'), sub('x3', 'x3', 'hhh'), sub('x3', 'x3', 'v'), sub('x3', 'x3', 'v'));
  emit(sub('t', 'v', 'x3'), mul('t', 'r', 't'), mul('y', 'y', 'hhh'), sub('y', 't', 'y'));
  emit(mul('z', 'z', 'h'), copy('x', 'x3'), i32(0));
  return { params: [I32, I32], results: [I32], locals: { count: 2, type: I32 }, body, export: 'add' };
}

/**
 * affine(): acc ← (x/z², y/z³, 1) for a finite acc (z ≠ 0), with 1/z = z^(p−2) by 4-bit windows: ~650 multiplications,
 * about the time of BigInt's extended Euclid without its garbage.
 */
function affineConversion(shape: KernelShape): WasmFunction {
  const { mul, sqr, copy, setOne } = fieldCalls(shape.limbs);
  const power = (i: number) => `power${i}` as Slot;
  const { body, emit } = bodyBuilder();
  emit(copy(power(1), 'z'));
  emit(sqr(power(2), 'z'));
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
  add(index: number, negate: number): number;
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
    const functions = [product(shape, false), product(shape, true), subtraction(shape), zeroTest(shape), pointAddition(shape), affineConversion(shape)];
    module = new WebAssembly.Module(assembleModule(pages, functions));
    byPoints.set(points, module);
  }
  return module;
}

/** An instance of the kernel with BigInt access to its memory. */
function kernelInstance(curve: GostCurve, shape: KernelShape, points: number) {
  const { size, at, table } = layout(shape.limbs);
  const exports = new WebAssembly.Instance(kernelModule(curve, shape, points)).exports as unknown as KernelExports;
  const view = new DataView(exports.memory.buffer);
  const write = (address: number, value: bigint) => {
    const hex = value.toString(16).padStart(2 * size, '0');
    for (let i = 0; i < shape.limbs; i++) {
      view.setUint32(address + 4 * i, Number.parseInt(hex.slice(hex.length - 8 * i - 8, hex.length - 8 * i), 16), true);
    }
  };
  const read = (address: number): bigint => {
    let hex = '0x';
    for (let i = shape.limbs - 1; i >= 0; i--) hex += view.getUint32(address + 4 * i, true).toString(16).padStart(8, '0');
    return BigInt(hex);
  };
  return { exports, write, read, at, size, table };
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
  /**
   * Adds the digits to the accumulator until one would be an exceptional addition, which the caller makes in BigInt
   * (where every case is handled); returns how many it added.
   */
  add(digits: readonly number[]): number;
  /** The accumulator in affine coordinates; RangeError at infinity. */
  affine(): AffinePoint;
}

/** A kernel for a table of `points` points on `curve`, or undefined when p is not of the kernel's shape. */
export function tableKernel(curve: GostCurve, points: number): TableKernel | undefined {
  const shape = kernelShape(curve);
  if (!shape) return undefined;
  const { exports: kernel, write, read, at, size, table } = kernelInstance(curve, shape, points);
  const pointAt = (index: number) => table + index * 2 * size;
  return {
    setPoint(index, point) {
      write(pointAt(index), point.x);
      write(pointAt(index) + size, point.y);
    },
    point: (index) => ({ x: read(pointAt(index)), y: read(pointAt(index) + size) }),
    load(acc) {
      write(at('x'), acc.x);
      write(at('y'), acc.y);
      write(at('z'), acc.z);
    },
    save(acc) {
      acc.x = read(at('x'));
      acc.y = read(at('y'));
      acc.z = read(at('z'));
    },
    add(digits) {
      let added = 0;
      while (added < digits.length && kernel.add(Math.abs(digits[added]!) - 1, digits[added]! < 0 ? 1 : 0) === 0) added++;
      return added;
    },
    affine() {
      if (read(at('z')) === 0n) throw new RangeError('the point at infinity has no affine coordinates');
      kernel.affine();
      return { x: read(at('x')), y: read(at('y')) };
    },
  };
}

/** The kernel's field operations on BigInts in [0, p), to check them against BigInt's own arithmetic. */
export function kernelField(curve: GostCurve): { mul(a: bigint, b: bigint): bigint; sqr(a: bigint): bigint; sub(a: bigint, b: bigint): bigint } | undefined {
  const shape = kernelShape(curve);
  if (!shape) return undefined;
  const { exports: kernel, write, read, at } = kernelInstance(curve, shape, 0);
  const run = (operation: () => void, a: bigint, b = 0n) => {
    write(at('u2'), a);
    write(at('s2'), b);
    operation();
    return read(at('t'));
  };
  return {
    mul: (a, b) => run(() => kernel.mul(at('t'), at('u2'), at('s2')), a, b),
    sqr: (a) => run(() => kernel.sqr(at('t'), at('u2')), a),
    sub: (a, b) => run(() => kernel.sub(at('t'), at('u2'), at('s2')), a, b),
  };
}
