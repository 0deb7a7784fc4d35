// Issuing one X.509 v3 certificate: TBSCertificate built field by field, signed by the issuer's key.
import { createHash, randomBytes } from 'node:crypto';
import { bitString, decode, encode, explicit, integer, sequence, time, toHex, toPem, wholeSeconds } from './der.ts';
import { type Extension, encodeExtensions } from './extensions.ts';
import { type Signer, signData, signatureAlgorithm } from './signer.ts';

/** What signCms needs: the certificate and the key that goes with it. */
export interface SigningIdentity {
  readonly der: Uint8Array;
  readonly signer: Signer;
}

export interface IssuedCertificate extends SigningIdentity {
  readonly pem: string;
  /** Lower-case hex of the serial number's DER contents (no leading 00: serials here are always positive-leading). */
  readonly serialHex: string;
  readonly serial: Uint8Array;
  /** DER of the subject Name. */
  readonly subjectName: Uint8Array;
  readonly subjectKeyId: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface CertificateTemplate {
  readonly serial: Uint8Array;
  readonly subjectKeyId: Uint8Array;
  /** DER of the issuer's Name; the subject's own for a self-signed certificate. */
  readonly issuerName: Uint8Array;
  readonly subjectName: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly Extension[];
}

export interface KeyIdentifiers {
  readonly subjectKeyId: Uint8Array;
  readonly serial: Uint8Array;
}

/**
 * As seen in the samples: NCA CA and GOST certificates take a random 20-byte key id and reuse it, top bit cleared,
 * as the serial; RSA end-entity certificates have SHA-1(SubjectPublicKeyInfo) as key id and an unrelated serial.
 */
export function keyIdentifiers(subject: Signer, kind: 'ca' | 'endEntity'): KeyIdentifiers {
  const serial = positiveSerial();
  if (subject.algorithm === 'rsa' && kind === 'endEntity') {
    return { subjectKeyId: new Uint8Array(createHash('sha1').update(subject.publicKeyInfo).digest()), serial };
  }
  const subjectKeyId = Uint8Array.from(serial);
  subjectKeyId[0]! |= randomBytes(1)[0]! & 0x80;
  return { subjectKeyId, serial };
}

/** 20 random bytes whose first byte is 01..7F: a positive INTEGER with no padding byte, like NCA's serials. */
function positiveSerial(): Uint8Array {
  const serial = new Uint8Array(randomBytes(20));
  serial[0] = (serial[0]! % 0x7f) + 1;
  return serial;
}

export function issueCertificate(template: CertificateTemplate, subject: Signer, issuer: Signer): IssuedCertificate {
  const tbs = encode(
    sequence(
      explicit(0, integer(2)),
      integer(template.serial),
      signatureAlgorithm(issuer.algorithm),
      decode(template.issuerName),
      sequence(time(template.notBefore), time(template.notAfter)),
      decode(template.subjectName),
      decode(subject.publicKeyInfo),
      explicit(3, encodeExtensions(template.extensions)),
    ),
  );
  const der = encode(sequence(decode(tbs), signatureAlgorithm(issuer.algorithm), bitString(signData(issuer, tbs))));
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    serialHex: toHex(template.serial),
    serial: template.serial,
    subjectName: template.subjectName,
    subjectKeyId: template.subjectKeyId,
    notBefore: wholeSeconds(template.notBefore),
    notAfter: wholeSeconds(template.notAfter),
    signer: subject,
  };
}
