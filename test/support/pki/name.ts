// X.501 Names with NCA's string types: UTF8String for text, PrintableString for C and SERIALNUMBER, IA5String for
// the e-mail address; one attribute per RDN, in the order given.
import { type Asn1, encode, ia5String, oid, printableString, sequence, set, utf8String } from './der.ts';
import { OID } from './oids.ts';

export interface NameAttribute {
  readonly type: string;
  readonly value: string;
  readonly encoding: 'utf8' | 'printable' | 'ia5';
}

const utf8 = (type: string) => (value: string): NameAttribute => ({ type, value, encoding: 'utf8' });

export const nameAttribute = {
  commonName: utf8(OID.commonName),
  surname: utf8(OID.surname),
  serialNumber: (value: string): NameAttribute => ({ type: OID.serialNumber, value, encoding: 'printable' }),
  country: (value: string): NameAttribute => ({ type: OID.country, value, encoding: 'printable' }),
  locality: utf8(OID.locality),
  stateOrProvince: utf8(OID.stateOrProvince),
  organization: utf8(OID.organization),
  organizationalUnit: utf8(OID.organizationalUnit),
  givenName: utf8(OID.givenName),
  userId: utf8(OID.userId),
  emailAddress: (value: string): NameAttribute => ({ type: OID.emailAddress, value, encoding: 'ia5' }),
};

function attributeValue({ value, encoding }: NameAttribute): Asn1 {
  if (encoding === 'printable') return printableString(value);
  return encoding === 'ia5' ? ia5String(value) : utf8String(value);
}

/** DER of the Name. */
export function encodeName(attributes: readonly NameAttribute[]): Uint8Array {
  return encode(sequence(...attributes.map((attribute) => set(sequence(oid(attribute.type), attributeValue(attribute))))));
}
