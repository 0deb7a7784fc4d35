import { timingSafeEqual } from 'node:crypto';

const bytesOf = (value: string | Uint8Array) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

/** Compares a secret someone sent with the one expected in constant time, so timing tells nothing about it. */
export function sameSecret(expected: string | Uint8Array, given: string | Uint8Array): boolean {
  const a = bytesOf(expected);
  const b = bytesOf(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
