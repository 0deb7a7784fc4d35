import type { Certificate } from './certificate.ts';
import { PkiError } from './errors.ts';
import { KEY_USAGE } from './extensions.ts';
import { nameAttribute } from './name.ts';
import { OID } from './oids.ts';

/** `person`: any key of a person, AUTH or SIGN (registration reads who the person is, whichever key they pick). */
export type KeyPurpose = 'auth' | 'sign' | 'person';

/** Certificates of information systems, treasury clients and notaries: not a person signing in. */
const NOT_A_PERSON = [OID.kzInformationSystemK2, OID.kzNotary, OID.kzLegalEntityInformationSystem];

/**
 * Whether the key may be used for this purpose (reference/kz-pki.md §2.4). RSA generations split AUTH (clientAuth)
 * from SIGN (emailProtection) keys; GOST-2015 keys are single keys with emailProtection only and serve both.
 */
export function checkKeyPurpose(certificate: Certificate, purpose: KeyPurpose): void {
  if (certificate.basicConstraints?.ca) throw new PkiError('pki.key_purpose', 'a CA certificate cannot sign in or sign documents');
  const keyUsage = certificate.keyUsage;
  if (keyUsage !== undefined && (keyUsage & KEY_USAGE.digitalSignature) === 0) throw new PkiError('pki.key_purpose', 'keyUsage lacks digitalSignature');
  const eku = certificate.extKeyUsage;
  const gost2015 = certificate.publicKeyInfo.algorithm.oid === OID.gost2015Key512 || certificate.publicKeyInfo.algorithm.oid === OID.gost2015Key256;
  if (purpose !== 'sign') {
    // "Not a person" first: it tells the user more than "wrong key type" would.
    const system = eku.find((oid) => NOT_A_PERSON.includes(oid as (typeof NOT_A_PERSON)[number]));
    if (system) throw new PkiError('pki.not_a_person', `certificate of an information system (${system})`);
    if (!/^IIN\d{12}$/.test(nameAttribute(certificate.subject, OID.serialNumber) ?? '')) throw new PkiError('pki.not_a_person', 'the certificate names no IIN');
  }
  if (purpose === 'person') {
    if (!eku.includes(OID.ekuClientAuth) && !eku.includes(OID.ekuEmailProtection)) throw new PkiError('pki.key_purpose', 'neither an authentication nor a signing key');
  } else if (purpose === 'auth') {
    const fits = eku.includes(OID.ekuClientAuth) || (gost2015 && eku.includes(OID.ekuEmailProtection));
    if (!fits) throw new PkiError('pki.key_purpose', gost2015 ? 'GOST key without emailProtection or clientAuth' : 'a signing key (no clientAuth) used to sign in');
  } else if (!eku.includes(OID.ekuEmailProtection)) {
    throw new PkiError('pki.key_purpose', 'an authentication key (no emailProtection) used to sign');
  }
}
