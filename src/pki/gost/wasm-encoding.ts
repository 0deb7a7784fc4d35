// Just enough of the WebAssembly binary format (core spec 1.0, §5) to assemble a module of functions over one
// memory in code: field-kernel.ts and point-kernel.ts generate their arithmetic unrolled for each curve's size and
// modulus.

export const I32 = 0x7f;
export const I64 = 0x7e;
type ValueType = typeof I32 | typeof I64;

/** The instructions the kernels use, by their opcodes. */
export const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i64Load32U: 0x35,
  i64Store32: 0x3e,
  i32Const: 0x41,
  i64Const: 0x42,
  i64Eqz: 0x50,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64And: 0x83,
  i64Or: 0x84,
  i64Shl: 0x86,
  i64ShrU: 0x88,
  i32WrapI64: 0xa7,
} as const;

/** The block type of a block, loop or if that takes and leaves nothing. */
export const EMPTY_BLOCK = 0x40;

export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

export function signedLeb(value: bigint): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

/** A 4-byte-aligned access at `offset` from the address on the stack. */
export const memoryArgument = (offset: number): number[] => [2, ...unsignedLeb(offset)];

const vector = (items: readonly number[][]): number[] => [...unsignedLeb(items.length), ...items.flat()];

const section = (id: number, items: readonly number[][]): number[] => {
  const content = vector(items);
  return [id, ...unsignedLeb(content.length), ...content];
};

export interface WasmFunction {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** Locals after the parameters, all of one type. */
  readonly locals: { readonly count: number; readonly type: ValueType };
  /** The instructions, without the final `end`. */
  readonly body: readonly number[];
  /** Exported under this name when given. */
  readonly export?: string;
}

/** A module with one memory of `memoryPages` 64 KiB pages, exported as "memory", and the given functions. */
export function assembleModule(memoryPages: number, functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((fn) => [0x60, ...vector(fn.params.map((type) => [type])), ...vector(fn.results.map((type) => [type]))]);
  const text = (name: string) => vector([...Buffer.from(name, 'utf8')].map((byte) => [byte]));
  const exports = [[...text('memory'), 0x02, 0]];
  functions.forEach((fn, index) => {
    if (fn.export) exports.push([...text(fn.export), 0x00, ...unsignedLeb(index)]);
  });
  const code = functions.map((fn) => {
    const body = [...vector(fn.locals.count > 0 ? [[...unsignedLeb(fn.locals.count), fn.locals.type]] : []), ...fn.body, op.end];
    return [...unsignedLeb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types),
    ...section(3, functions.map((_, index) => unsignedLeb(index))),
    ...section(5, [[0x00, ...unsignedLeb(memoryPages)]]),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

export const get = (local: number): number[] => [op.localGet, ...unsignedLeb(local)];
export const set = (local: number): number[] => [op.localSet, ...unsignedLeb(local)];
export const tee = (local: number): number[] => [op.localTee, ...unsignedLeb(local)];
export const i64 = (value: bigint): number[] => [op.i64Const, ...signedLeb(value)];
export const i32 = (value: number): number[] => [op.i32Const, ...signedLeb(BigInt(value))];
export const call = (fn: number): number[] => [op.call, ...unsignedLeb(fn)];
/** The i64 of the 32-bit word `word` at the address in local `addressLocal`. */
export const load32 = (addressLocal: number, word: number): number[] => [...get(addressLocal), op.i64Load32U, ...memoryArgument(4 * word)];
/** Stores the low 32 bits of the i64 on the stack as word `word` of the address below it. */
export const store32 = (word: number): number[] => [op.i64Store32, ...memoryArgument(4 * word)];

/** A function body built piece by piece (a spread of thousands of instructions would overflow the call stack). */
export function bodyBuilder(): { readonly body: number[]; emit(...parts: readonly (readonly number[])[]): void } {
  const body: number[] = [];
  return {
    body,
    emit(...parts) {
      for (const part of parts) for (const byte of part) body.push(byte);
    },
  };
}
