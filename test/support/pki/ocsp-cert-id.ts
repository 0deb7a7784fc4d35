// RFC 6960 §4.1.1 CertID hashes: of the issuer's DER Name and of its public key BIT STRING contents (for GOST that
// is the DER OCTET STRING wrapping x‖y).
import { createHash } from 'node:crypto';
import { OID } from './oids.ts';

export type OcspHash = 'sha1' | 'sha256';

const HASH_OIDS: Readonly<Record<OcspHash, string>> = { sha1: OID.sha1, sha256: OID.sha256 };

export function ocspHashOid(hash: OcspHash): string {
  return HASH_OIDS[hash];
}

export function ocspHashOf(algorithmOid: string): OcspHash | undefined {
  return (Object.keys(HASH_OIDS) as OcspHash[]).find((hash) => HASH_OIDS[hash] === algorithmOid);
}

export function issuerHashes(hash: OcspHash, issuerName: Uint8Array, issuerKeyBits: Uint8Array) {
  return {
    nameHash: new Uint8Array(createHash(hash).update(issuerName).digest()),
    keyHash: new Uint8Array(createHash(hash).update(issuerKeyBits).digest()),
  };
}
