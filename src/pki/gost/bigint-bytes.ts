// Conversions between BigInt and fixed-width byte strings. GOST values travel little-endian (KalkanCrypt order),
// while DER and OpenSSL want big-endian; both go through hex, which is the fastest way V8 has into and out of a BigInt.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The integer whose least significant byte is `bytes[start]` and most significant `bytes[end - 1]`. */
export function bigIntFromLittleEndian(bytes: Uint8Array, start = 0, end = bytes.length): bigint {
  if (end <= start) return 0n;
  let hex = '0x';
  for (let i = end - 1; i >= start; i--) hex += HEX[bytes[i]!];
  return BigInt(hex);
}

export function bigIntFromBigEndian(bytes: Uint8Array): bigint {
  let hex = '0x0';
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]!];
  return BigInt(hex);
}

/** `value` (0 ≤ value < 256^length) as `length` big-endian bytes. */
function bigEndianBytes(value: bigint, length: number): Buffer {
  const hex = value.toString(16).padStart(2 * length, '0');
  if (hex.length > 2 * length) throw new RangeError(`integer does not fit in ${length} bytes`);
  return Buffer.from(hex, 'hex');
}

/** `value` (0 ≤ value < 256^length) as `length` big-endian bytes written into `target` at `offset`. */
export function writeBigEndian(value: bigint, length: number, target: Uint8Array, offset: number): void {
  target.set(bigEndianBytes(value, length), offset);
}

/** `value` (0 ≤ value < 256^length) as `length` little-endian bytes written into `target` at `offset`. */
export function writeLittleEndian(value: bigint, length: number, target: Uint8Array, offset: number): void {
  target.set(bigEndianBytes(value, length).reverse(), offset);
}
