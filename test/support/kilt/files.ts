// Temporary files for tests that configure Kilt through paths (trust directory, seed file, certificates).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPki } from '../pki/index.ts';

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kilt-${prefix}-`));
}

export function writeFile(directory: string, name: string, content: string): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

/** A KILT_TRUST_DIR that trusts the test PKI's root and intermediate. */
export function trustDirectoryOf(pki: TestPki): string {
  const directory = temporaryDirectory('trust');
  writeFile(directory, 'root.pem', pki.root.pem);
  writeFile(directory, 'intermediate.pem', pki.intermediate.pem);
  return directory;
}
