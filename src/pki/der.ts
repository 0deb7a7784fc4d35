import { PkiError } from './errors.ts';

/**
 * A strict DER reader. pkijs + asn1js take ~2.7 ms to parse one NCALayer CMS, which alone is thirty times the
 * budget of a whole RSA check, so the verification path reads DER itself: views into the input, no copies.
 * Anything that is not DER (indefinite lengths, non-minimal lengths, high tag numbers, trailing bytes) is refused.
 */
export class Der {
  /** The identifier octet: class, constructed bit and tag number (< 31). */
  readonly tag: number;
  readonly #buffer: Uint8Array;
  readonly #start: number;
  readonly #valueStart: number;
  readonly #end: number;

  constructor(tag: number, buffer: Uint8Array, start: number, valueStart: number, end: number) {
    this.tag = tag;
    this.#buffer = buffer;
    this.#start = start;
    this.#valueStart = valueStart;
    this.#end = end;
  }

  /** The contents octets (views are made on demand: most elements of a CMS are only walked through). */
  get value(): Uint8Array {
    return this.#buffer.subarray(this.#valueStart, this.#end);
  }

  /** The whole TLV, e.g. what a signature covers. */
  get raw(): Uint8Array {
    return this.#buffer.subarray(this.#start, this.#end);
  }

  get length(): number {
    return this.#end - this.#valueStart;
  }

  get rawLength(): number {
    return this.#end - this.#start;
  }

  /** The elements inside a constructed element, read in place. */
  children(): Der[] {
    if ((this.tag & 0x20) === 0) throw malformed('expected a constructed element');
    const out: Der[] = [];
    for (let offset = this.#valueStart; offset < this.#end; ) {
      const child = readElementIn(this.#buffer, offset, this.#end);
      out.push(child);
      offset += child.rawLength;
    }
    return out;
  }
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag [n]: constructed for EXPLICIT and constructed IMPLICIT types, primitive otherwise. */
export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

function malformed(detail: string): PkiError {
  return new PkiError('pki.malformed', `DER: ${detail}`);
}

function readElementIn(buffer: Uint8Array, offset: number, end: number): Der {
  if (offset + 2 > end) throw malformed('truncated header');
  const tag = buffer[offset]!;
  if ((tag & 0x1f) === 0x1f) throw malformed('high tag numbers are not used here');
  let length = buffer[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw malformed('indefinite length');
    if (count > 4) throw malformed('length too large');
    if (offset + 2 + count > end) throw malformed('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[offset + 2 + i]!;
    if (buffer[offset + 2] === 0 || length < 0x80) throw malformed('non-minimal length');
    header += count;
  }
  const valueStart = offset + header;
  if (valueStart + length > end) throw malformed('truncated value');
  return new Der(tag, buffer, offset, valueStart, valueStart + length);
}

/** The buffer must hold exactly one element. */
export function parseDer(buffer: Uint8Array): Der {
  const element = readElementIn(buffer, 0, buffer.length);
  if (element.rawLength !== buffer.length) throw malformed('trailing bytes');
  return element;
}

export function children(element: Der): Der[] {
  return element.children();
}

export function expectTag(element: Der | undefined, tag: number, what: string): Der {
  if (!element) throw malformed(`${what} is missing`);
  if (element.tag !== tag) throw malformed(`${what}: expected tag 0x${tag.toString(16)}, got 0x${element.tag.toString(16)}`);
  return element;
}

/** A SEQUENCE (or other constructed tag) with its children. */
export function sequence(element: Der | undefined, what: string, tag: number = TAG.SEQUENCE): Der[] {
  return children(expectTag(element, tag, what));
}

/** Reads an element whose value is a single wrapped element, as EXPLICIT tagging produces. */
export function unwrapExplicit(element: Der, what: string): Der {
  if (element.value.length === 0) throw malformed(`${what} is empty`);
  return parseDer(element.value);
}

export function readOid(element: Der | undefined, what: string): string {
  const { value } = expectTag(element, TAG.OID, what);
  if (value.length === 0 || (value[value.length - 1]! & 0x80) !== 0) throw malformed(`${what}: bad OID`);
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i]!;
    if (arc === 0 && byte === 0x80) throw malformed(`${what}: non-minimal OID arc`);
    arc = arc * 128 + (byte & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 256) throw malformed(`${what}: OID arc too large`);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = arc < 80 ? Math.floor(arc / 40) : 2;
        arcs.push(first, arc - first * 40);
      } else {
        arcs.push(arc);
      }
      arc = 0;
    }
  }
  return arcs.join('.');
}

/** INTEGER contents, checked for minimal encoding; callers decide how to read them. */
export function readIntegerBytes(element: Der | undefined, what: string): Uint8Array {
  const { value } = expectTag(element, TAG.INTEGER, what);
  if (value.length === 0) throw malformed(`${what}: empty INTEGER`);
  if (value.length > 1 && ((value[0] === 0 && (value[1]! & 0x80) === 0) || (value[0] === 0xff && (value[1]! & 0x80) !== 0))) {
    throw malformed(`${what}: non-minimal INTEGER`);
  }
  return value;
}

export function readSmallInteger(element: Der | undefined, what: string): number {
  return smallInteger(readIntegerBytes(element, what), what);
}

function smallInteger(bytes: Uint8Array, what: string): number {
  if (bytes.length === 0 || bytes.length > 4 || (bytes[0]! & 0x80) !== 0) throw malformed(`${what}: INTEGER out of range`);
  let n = 0;
  for (const byte of bytes) n = n * 256 + byte;
  return n;
}

export function readEnumerated(element: Der | undefined, what: string): number {
  return smallInteger(expectTag(element, TAG.ENUMERATED, what).value, what);
}

export function readUnsignedBigInt(element: Der | undefined, what: string): bigint {
  const bytes = readIntegerBytes(element, what);
  if ((bytes[0]! & 0x80) !== 0) throw malformed(`${what}: negative INTEGER`);
  return bytesToBigInt(bytes);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`);
}

/** BIT STRING contents without the unused-bits octet; keys and signatures have no unused bits. */
export function readBitStringBytes(element: Der | undefined, what: string): Uint8Array {
  const { value } = expectTag(element, TAG.BIT_STRING, what);
  if (value.length === 0 || value[0] !== 0) throw malformed(`${what}: BIT STRING with unused bits`);
  return value.subarray(1);
}

/** Named-bit BIT STRING (key usage, reasons) as a bit set: bit i of the ASN.1 definition → (result >> i) & 1. */
export function readNamedBits(element: Der | undefined, what: string): number {
  const { value } = expectTag(element, TAG.BIT_STRING, what);
  if (value.length === 0 || value[0]! > 7 || (value.length === 1 && value[0] !== 0)) throw malformed(`${what}: bad BIT STRING`);
  let bits = 0;
  for (let i = 1; i < value.length && i <= 4; i++) {
    const byte = value[i]!;
    for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) bits |= 1 << ((i - 1) * 8 + b);
  }
  return bits;
}

export function readBoolean(element: Der | undefined, what: string): boolean {
  const { value } = expectTag(element, TAG.BOOLEAN, what);
  if (value.length !== 1 || (value[0] !== 0 && value[0] !== 0xff)) throw malformed(`${what}: bad BOOLEAN`);
  return value[0] === 0xff;
}

export function readOctetString(element: Der | undefined, what: string): Uint8Array {
  return expectTag(element, TAG.OCTET_STRING, what).value;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

export function readString(element: Der | undefined, what: string): string {
  if (!element) throw malformed(`${what} is missing`);
  try {
    switch (element.tag) {
      case TAG.UTF8_STRING:
        return utf8.decode(element.value);
      case TAG.PRINTABLE_STRING:
      case TAG.IA5_STRING:
      case TAG.VISIBLE_STRING:
      case TAG.T61_STRING:
        return latin1.decode(element.value);
      case TAG.BMP_STRING:
        return utf16be.decode(element.value);
      default:
        throw malformed(`${what}: unsupported string type 0x${element.tag.toString(16)}`);
    }
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw malformed(`${what}: invalid text`);
  }
}

const TIME_PATTERN = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/** UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 requires them. */
export function readTime(element: Der | undefined, what: string): Date {
  if (!element || (element.tag !== TAG.UTC_TIME && element.tag !== TAG.GENERALIZED_TIME)) throw malformed(`${what}: expected a time`);
  const text = latin1.decode(element.value);
  const match = TIME_PATTERN.exec(text);
  const yearLength = element.tag === TAG.UTC_TIME ? 2 : 4;
  if (!match || match[1]!.length !== yearLength) throw malformed(`${what}: bad time "${text}"`);
  let year = Number(match[1]);
  if (yearLength === 2) year += year >= 50 ? 1900 : 2000;
  const [month, day, hour, minute, second] = match.slice(2).map(Number) as [number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw malformed(`${what}: impossible date "${text}"`);
  }
  return check;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
