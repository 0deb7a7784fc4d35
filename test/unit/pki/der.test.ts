import { describe, expect, it } from 'vitest';
import {
  children, parseDer, readBitStringBytes, readIntegerBytes, readNamedBits, readOid, readString, readTime,
} from '../../../src/pki/der.ts';
import { encodeOid, encodeTlv } from '../../../src/pki/der-write.ts';
import { PkiError } from '../../../src/pki/errors.ts';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

function malformed(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PkiError);
    expect((error as PkiError).code).toBe('pki.malformed');
    return (error as PkiError).detail;
  }
  throw new Error('expected pki.malformed');
}

describe('DER reader', () => {
  it('reads nested elements as views of the input', () => {
    const input = hex('3006 0201 05 0401 ff');
    const root = parseDer(input);
    const [integer, octets] = children(root);
    expect(readIntegerBytes(integer, 'n')).toEqual(hex('05'));
    expect(octets!.raw).toEqual(hex('0401ff'));
    expect(octets!.value.buffer).toBe(input.buffer);
  });

  it('reads long-form lengths', () => {
    const value = new Uint8Array(300).fill(7);
    const element = parseDer(encodeTlv(0x04, value));
    expect(element.raw.subarray(0, 4)).toEqual(hex('0482012c'));
    expect(element.value).toEqual(value);
  });

  it.each([
    ['indefinite length', '3080 0000'],
    ['non-minimal long form', '3081 05 0203010001'],
    ['leading zero length octet', '308200 05 0203010001'],
    ['truncated value', '3005 0201'],
    ['truncated header', '30'],
    ['trailing bytes', '3000 00'],
    ['high tag number', '1f8101 00'],
    ['huge length', '3085 0100000000'],
  ])('refuses %s', (_name, input) => {
    malformed(() => parseDer(hex(input)));
  });

  it('decodes OIDs, including large arcs, and round-trips them', () => {
    for (const oid of ['1.2.398.3.10.1.1.2.3.2', '2.5.29.37', '1.3.6.1.5.5.7.48.1.2', '2.999.1', '1.2.840.113549.1.9.16.2.14']) {
      expect(readOid(parseDer(encodeOid(oid)), 'oid')).toBe(oid);
    }
    malformed(() => readOid(parseDer(hex('0603 2a8001')), 'oid'));
    malformed(() => readOid(parseDer(hex('0602 2a86')), 'oid'));
  });

  it('refuses non-minimal INTEGERs', () => {
    malformed(() => readIntegerBytes(parseDer(hex('0202 0005')), 'n'));
    malformed(() => readIntegerBytes(parseDer(hex('0202 ff80')), 'n'));
    expect(readIntegerBytes(parseDer(hex('0202 0080')), 'n')).toEqual(hex('0080'));
  });

  it('reads UTCTime with the RFC 5280 century rule and GeneralizedTime', () => {
    const utc = (text: string) => readTime(parseDer(encodeTlv(0x17, new TextEncoder().encode(text))), 't');
    expect(utc('500101000000Z').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(utc('491231235959Z').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    const generalized = readTime(parseDer(encodeTlv(0x18, new TextEncoder().encode('20270508064513Z'))), 't');
    expect(generalized.toISOString()).toBe('2027-05-08T06:45:13.000Z');
    malformed(() => utc('260230000000Z'));
    malformed(() => utc('2602280000Z'));
    malformed(() => utc('260228000000+0600'));
  });

  it('reads text types and refuses invalid UTF-8', () => {
    expect(readString(parseDer(encodeTlv(0x0c, new TextEncoder().encode('ТЕСТОВ ТЕСТ'))), 's')).toBe('ТЕСТОВ ТЕСТ');
    expect(readString(parseDer(encodeTlv(0x1e, hex('041a0415'))), 's')).toBe('КЕ');
    malformed(() => readString(parseDer(hex('0c02 c328')), 's'));
  });

  it('reads key usage bits in ASN.1 order and refuses unused bits in keys', () => {
    // digitalSignature, nonRepudiation, keyAgreement as in NCA GOST certificates: 03 02 03 c8
    expect(readNamedBits(parseDer(hex('030203c8')), 'ku')).toBe(0b10011);
    expect(readNamedBits(parseDer(hex('03020106')), 'ku')).toBe(0b1100000);
    malformed(() => readBitStringBytes(parseDer(hex('030201ff')), 'key'));
  });
});
