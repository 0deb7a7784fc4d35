// Field arithmetic modulo p = 2^(32n) − c (c < 2^16: every curve Kazakh keys use) as WebAssembly functions, unrolled
// for n and c. Elements are n little-endian 32-bit limbs in linear memory, always in [0, p) (canonical, so that zero
// is all limbs zero); the functions take byte addresses, allocate nothing, and point-kernel.ts builds on them.

import { bitLength } from './curve-arithmetic.ts';
import type { GostCurve } from './curves.ts';
import {
  EMPTY_BLOCK, I32, I64, type WasmFunction, bodyBuilder, get, i64, load32, op, set, store32, tee,
} from './wasm-encoding.ts';

const MASK = 0xffffffffn;

/** What the field functions need: p = 2^(32·limbs) − c. */
export interface KernelShape {
  readonly limbs: number;
  readonly c: bigint;
  readonly p: bigint;
}

/**
 * The shape of p when the kernel can work modulo it: 2^(32n) − c with c below 2^16, as the reducer in BigInt needs.
 * Undefined for other curves (the RFC examples) and where WebAssembly is off (node --jitless).
 */
export function kernelShape(curve: GostCurve): KernelShape | undefined {
  const bits = bitLength(curve.p);
  if (bits % 32 !== 0 || typeof WebAssembly !== 'object') return undefined;
  const c = (1n << BigInt(bits)) - curve.p;
  return c > 0n && c < 1n << 16n ? { limbs: bits / 32, c, p: curve.p } : undefined;
}

/** value (on the stack) → its low 32 bits into `digit`, the rest into `carry`, through `scratch`. */
const split = (scratch: number, digit: number, carry: number) => [
  ...tee(scratch), ...i64(MASK), op.i64And, ...set(digit),
  ...get(scratch), ...i64(32n), op.i64ShrU, ...set(carry),
];

/** The field functions in module order (the first four exported under these names): mul(dst, a, b), sqr(dst, a),
 * sub(dst, a, b), add(dst, a, b), isZero(a). */
export const FIELD = { mul: 0, sqr: 1, sub: 2, add: 3, isZero: 4 } as const;

export function fieldFunctions(shape: KernelShape): WasmFunction[] {
  return [product(shape, false), product(shape, true), subtraction(shape), addition(shape), zeroTest(shape)];
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
  for (let i = 0; i < n; i++) emit(load32(a, i), set(A(i)));
  if (!squaring) for (let j = 0; j < n; j++) emit(load32(b, j), set(B(j)));
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
    emit(get(dst), get(A(i)), get(R(i)), get(carry), [op.i32WrapI64, op.select], store32(i));
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
  for (let i = 0; i < n; i++) emit(load32(a, i), load32(b, i), [op.i64Sub], get(borrow), [op.i64Sub], digitAndBorrow(R(i)));
  // Below zero it wrapped to a − b + 2^(32n); a − b + p is that minus c, never negative.
  emit(get(borrow), i64(c), [op.i64Mul], set(borrow));
  for (let i = 0; i < n; i++) emit(get(R(i)), get(borrow), [op.i64Sub], digitAndBorrow(R(i)));
  for (let i = 0; i < n; i++) emit(get(dst), get(R(i)), store32(i));
  return { params: [I32, I32, I32], results: [], locals: { count: n + 2, type: I64 }, body, export: 'sub' };
}


/** add(dst, a, b): dst ← a + b mod p (a, b in [0, p)). dst may be a or b. */
function addition({ limbs: n, c }: KernelShape): WasmFunction {
  const [dst, a, b] = [0, 1, 2];
  const R = (i: number) => 3 + i;
  const W = (i: number) => 3 + n + i;
  const [value, carry, top] = [3 + 2 * n, 4 + 2 * n, 5 + 2 * n];
  const { body, emit } = bodyBuilder();
  emit(i64(0n), set(carry));
  for (let i = 0; i < n; i++) emit(load32(a, i), load32(b, i), [op.i64Add], get(carry), [op.i64Add], split(value, R(i), carry));
  emit(get(carry), set(top));
  // The sum is below 2p: it is at least p when it carried out of the top or when sum + c does (p = 2^(32n) − c), and
  // then sum − p is sum + c without that carry.
  emit(i64(c), set(carry));
  for (let i = 0; i < n; i++) emit(get(R(i)), get(carry), [op.i64Add], split(value, W(i), carry));
  emit(get(carry), get(top), [op.i64Or], set(top));
  for (let i = 0; i < n; i++) emit(get(dst), get(W(i)), get(R(i)), get(top), [op.i32WrapI64, op.select], store32(i));
  return { params: [I32, I32, I32], results: [], locals: { count: 2 * n + 3, type: I64 }, body, export: 'add' };
}

/** isZero(a) → 1 when every limb of a is zero. */
function zeroTest({ limbs: n }: KernelShape): WasmFunction {
  const { body, emit } = bodyBuilder();
  emit(load32(0, 0));
  for (let i = 1; i < n; i++) emit(load32(0, i), [op.i64Or]);
  emit([op.i64Eqz]);
  return { params: [I32], results: [I32], locals: { count: 0, type: I64 }, body };
}
