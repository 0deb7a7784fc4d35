// The structure of a DER value without its data: tags, nesting, OIDs and BOOLEANs, descending into the strings that
// hold DER by position (extnValue, responseBytes, subjectPublicKey) rather than by trying to parse them, so that
// random bytes (key ids, hashes) can never change the outcome. Two encodings with the same shape differ only in
// keys, names, dates, serials and lengths: that is how generated objects are compared with the NCA samples.
import * as asn1js from 'asn1js';
import { type Asn1, decode } from './der.ts';

const UNIVERSAL_NAMES: Readonly<Record<number, string>> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  19: 'PrintableString',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
};

/** Extension and ResponseBytes end in an OCTET STRING after an OID; SubjectPublicKeyInfo is { SEQUENCE, BIT STRING }. */
function holdsDer(parent: asn1js.Constructed, child: Asn1): boolean {
  const siblings = parent.valueBlock.value;
  if (!(parent instanceof asn1js.Sequence) || child !== siblings.at(-1)) return false;
  if (child instanceof asn1js.OctetString) return siblings[0] instanceof asn1js.ObjectIdentifier;
  return child instanceof asn1js.BitString && siblings.length === 2 && siblings[0] instanceof asn1js.Sequence;
}

function contents(node: Asn1): Uint8Array {
  return node instanceof asn1js.OctetString || node instanceof asn1js.BitString ? node.valueBlock.valueHexView : new Uint8Array();
}

function label(node: Asn1): string {
  const { tagClass, tagNumber } = node.idBlock;
  const tag = tagClass === 1 ? (UNIVERSAL_NAMES[tagNumber] ?? `UNIVERSAL ${tagNumber}`) : `[${tagNumber}]`;
  if (node instanceof asn1js.ObjectIdentifier) return `${tag} ${node.getValue()}`;
  if (node instanceof asn1js.Boolean) return `${tag} ${node.getValue()}`;
  return tag;
}

export function asn1Shape(input: Uint8Array | Asn1, depth = 0): string[] {
  const node = input instanceof Uint8Array ? decode(input) : input;
  const lines = [`${'  '.repeat(depth)}${label(node)}`];
  if (!(node instanceof asn1js.Constructed)) return lines;
  for (const child of node.valueBlock.value) {
    lines.push(...asn1Shape(child, depth + 1));
    if (holdsDer(node, child)) lines.push(...asn1Shape(contents(child), depth + 2));
  }
  return lines;
}
