import { decodePemOrDer, parseCertificate } from '../../pki/certificate.ts';
import { PkiError } from '../../pki/errors.ts';
import { type CertificateIdentity, certificateIdentity } from '../../pki/identity.ts';
import type { PkiVerifier } from '../../pki/verifier.ts';

/**
 * The person a login certificate names (PEM or DER). With a verifier, the certificate must also be trusted, valid
 * and fit for sign-in; without one (test mode with no trust anchors) it is only read.
 */
export async function certificatePerson(input: Uint8Array, verifier: PkiVerifier | undefined): Promise<CertificateIdentity & { iin: string }> {
  const [der] = decodePemOrDer(input, ['CERTIFICATE', 'X509 CERTIFICATE']);
  if (!der) throw new PkiError('pki.malformed', 'no certificate in the input');
  const identity = verifier ? await verifier.verifyCertificate(der, { purpose: 'auth' }) : certificateIdentity(parseCertificate(der));
  if (!identity.iin) throw new PkiError('pki.not_a_person', 'the certificate names no IIN');
  return { ...identity, iin: identity.iin };
}
