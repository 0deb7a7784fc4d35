import { type Der, TAG, children, expectTag, readOid, readString, sequence } from './der.ts';

export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

/** A distinguished name, kept as DER for exact issuer/subject matching and as attributes for reading by OID. */
export interface Name {
  readonly der: Uint8Array;
  readonly attributes: readonly NameAttribute[];
}

export function parseName(element: Der | undefined, what: string): Name {
  const attributes: NameAttribute[] = [];
  for (const rdn of sequence(element, what)) {
    for (const pair of children(expectTag(rdn, TAG.SET, `${what} RDN`))) {
      const [type, value] = sequence(pair, `${what} attribute`);
      const oid = readOid(type, `${what} attribute type`);
      // Values of other types (none that Kilt reads) are kept as empty text rather than refused.
      attributes.push({ oid, value: readAttributeValue(value, `${what} ${oid}`) });
    }
  }
  return { der: element!.raw, attributes };
}

const STRING_TAGS: ReadonlySet<number> = new Set([
  TAG.UTF8_STRING, TAG.PRINTABLE_STRING, TAG.IA5_STRING, TAG.VISIBLE_STRING, TAG.T61_STRING, TAG.BMP_STRING,
]);

function readAttributeValue(value: Der | undefined, what: string): string {
  if (!value) return readString(value, what);
  return STRING_TAGS.has(value.tag) ? readString(value, what) : '';
}

export function nameAttribute(name: Name, oid: string): string | undefined {
  return name.attributes.find((attribute) => attribute.oid === oid)?.value;
}
