import { type Certificate, parseCertificate } from './certificate.ts';
import { LruCache, bytesKey } from './lru.ts';

const parsed = new LruCache<string, Certificate>(1000);

/**
 * Parsing is a pure function of the bytes, and the same people sign in again and again: each signer certificate is
 * parsed once. The cached copy owns its bytes, so a caller reusing its buffer cannot change it.
 */
export function parseCertificateCached(der: Uint8Array): Certificate {
  const key = bytesKey(der);
  let certificate = parsed.get(key);
  if (!certificate) {
    certificate = parseCertificate(Uint8Array.from(der));
    parsed.set(key, certificate);
  }
  return certificate;
}
