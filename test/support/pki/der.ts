// Thin constructors over asn1js so that the builders read like the ASN.1 modules they implement.
import * as asn1js from 'asn1js';

export type Asn1 = asn1js.AsnType;

const CONTEXT = 3;

export const sequence = (...value: Asn1[]): Asn1 => new asn1js.Sequence({ value });
export const set = (...value: Asn1[]): Asn1 => new asn1js.Set({ value });
export const oid = (value: string): Asn1 => new asn1js.ObjectIdentifier({ value });
export const nullValue = (): Asn1 => new asn1js.Null();
export const boolean = (value: boolean): Asn1 => new asn1js.Boolean({ value });
export const octetString = (bytes: Uint8Array): Asn1 => new asn1js.OctetString({ valueHex: bytes });
export const bitString = (bytes: Uint8Array, unusedBits = 0): Asn1 => new asn1js.BitString({ valueHex: bytes, unusedBits });
export const utf8String = (value: string): Asn1 => new asn1js.Utf8String({ value });
export const printableString = (value: string): Asn1 => new asn1js.PrintableString({ value });
export const ia5String = (value: string): Asn1 => new asn1js.IA5String({ value });
export const generalizedTime = (date: Date): Asn1 => new asn1js.GeneralizedTime({ valueDate: wholeSeconds(date) });
export const enumerated = (value: number): Asn1 => new asn1js.Enumerated({ value });

/** INTEGER from a small number or from big-endian two's-complement bytes taken verbatim. */
export function integer(value: number | Uint8Array): Asn1 {
  return typeof value === 'number' ? new asn1js.Integer({ value }) : new asn1js.Integer({ valueHex: value });
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: wholeSeconds(date) }) : generalizedTime(date);
}

export const explicit = (tagNumber: number, inner: Asn1): Asn1 =>
  new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber }, value: [inner] });

export const implicitConstructed = (tagNumber: number, ...value: Asn1[]): Asn1 =>
  new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber }, value });

export const implicitPrimitive = (tagNumber: number, bytes: Uint8Array): Asn1 =>
  new asn1js.Primitive({ idBlock: { tagClass: CONTEXT, tagNumber }, valueHex: bytes });

export function encode(value: Asn1): Uint8Array {
  return new Uint8Array(value.toBER(false));
}

/** Parses DER, for embedding already-encoded parts (names, keys, certificates) in new structures. */
export function decode(der: Uint8Array): Asn1 {
  const { offset, result } = asn1js.fromBER(der);
  if (offset === -1 || offset !== der.length) throw new Error(`not a single DER value: ${result.error}`);
  return result;
}

/** BIT STRING of a NamedBitList (KeyUsage): DER drops trailing zero bits and counts them as unused. */
export function namedBits(positions: readonly number[]): Asn1 {
  const last = Math.max(...positions);
  const bytes = new Uint8Array(Math.floor(last / 8) + 1);
  for (const position of positions) bytes[position >> 3]! |= 0x80 >> (position & 7);
  return bitString(bytes, 7 - (last & 7));
}

/** Different bytes, same length (one byte when there is nothing to change): for tampering tests. */
export function altered(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array([0]);
  const copy = Uint8Array.from(bytes);
  copy[copy.length - 1]! ^= 1;
  return copy;
}

export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** RFC 7468 text: base64 in 64-character lines between BEGIN/END labels, ending with a newline. */
export function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
