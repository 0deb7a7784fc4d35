import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePemOrDer } from '../../pki/certificate.ts';

/** Every certificate in a folder of PEM or DER files (NCA publishes .cer files in both encodings). */
export async function readTrustDirectory(directory: string): Promise<Uint8Array[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const certificates: Uint8Array[] = [];
  // In code-unit order: the same on every machine, and no collation tables loaded for it.
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const bytes = new Uint8Array(await readFile(join(directory, entry.name)));
    certificates.push(...decodePemOrDer(bytes, ['CERTIFICATE', 'X509 CERTIFICATE']));
  }
  return certificates;
}
