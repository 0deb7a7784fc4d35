import { createHash } from 'node:crypto';
import { PkiError } from './errors.ts';
import { gost34311 } from './gost/gost34311.ts';
import { streebog256, streebog512 } from './gost/streebog.ts';
import { OID } from './oids.ts';

const NODE_HASHES: Readonly<Record<string, string>> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Digests Kilt accepts in CMS; SHA-1 is refused with its own code because users can fix it with a new key. */
export function computeDigest(algorithmOid: string, data: Uint8Array): Uint8Array {
  const nodeHash = NODE_HASHES[algorithmOid];
  if (nodeHash) return createHash(nodeHash).update(data).digest();
  if (algorithmOid === OID.streebog512) return streebog512(data);
  if (algorithmOid === OID.streebog256) return streebog256(data);
  if (algorithmOid === OID.gost34311) return gost34311(data);
  if (algorithmOid === OID.sha1) throw new PkiError('pki.weak_algorithm', 'SHA-1 digest');
  throw new PkiError('pki.unsupported_algorithm', `digest ${algorithmOid}`);
}

export function nodeHashName(algorithmOid: string): string | undefined {
  return NODE_HASHES[algorithmOid];
}
