import { type Certificate, parseCertificate } from './certificate.ts';
import { LruCache, bytesKey } from './lru.ts';

const parsed = new LruCache<string, Certificate>(1000);

/**
 * Parsing is a pure function of the bytes, and the same people sign in again and again: each signer certificate is
 * parsed once. Entries are found by the certificate's tail (its signature value) and then compared whole; the cached
 * copy owns its bytes, so a caller reusing its buffer cannot change it.
 */
export function parseCertificateCached(der: Uint8Array): Certificate {
  const key = bytesKey(der.subarray(Math.max(0, der.length - 64)));
  const cached = parsed.get(key);
  if (cached && Buffer.compare(cached.der, der) === 0) return cached;
  const certificate = parseCertificate(Uint8Array.from(der));
  parsed.set(key, certificate);
  return certificate;
}
