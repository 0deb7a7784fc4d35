import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Config } from '../../config/schema.ts';
import { type PkiAssembly, createPkiVerifier } from '../../pki/create-verifier.ts';
import { httpRevocationPorts } from '../http/revocation-http.ts';
import { readTrustDirectory } from './trust-directory.ts';

const CRL_POLL_MS = 60_000;
const REVOCATION_TIMEOUT_MS = 5_000;

export interface PkiFromFiles extends PkiAssembly {
  readonly trustedCertificates: number;
  /** Stops watching the CRL files. */
  close(): void;
}

/**
 * The verifier of KILT_TRUST_DIR and KILT_CRL_FILES, or undefined when no trust directory is configured (test mode
 * only; production refuses to start without one). CRL files are re-read when they change, so a cron job that
 * downloads NCA's CRLs keeps the running processes current.
 */
export async function loadPkiFromFiles(pki: Config['pki'], onCrlReload: (path: string, error?: unknown) => void): Promise<PkiFromFiles | undefined> {
  if (!pki.trustDir) return undefined;
  const trusted = await readTrustDirectory(pki.trustDir);
  const crls = await Promise.all(pki.crlFiles.map(async (path) => new Uint8Array(await readFile(path))));
  const assembly = createPkiVerifier({
    trusted,
    crls,
    revocation: pki.revocation,
    ports: httpRevocationPorts({ timeoutMs: REVOCATION_TIMEOUT_MS }),
    ...(pki.ocspUrl ? { ocspUrl: pki.ocspUrl } : {}),
  });
  const listeners = pki.crlFiles.map((path) => {
    const listener = (current: Stats, previous: Stats) => {
      if (current.mtimeMs === previous.mtimeMs || current.size === 0) return;
      readFile(path)
        .then((bytes) => {
          assembly.crls.add(new Uint8Array(bytes));
          onCrlReload(path);
        })
        .catch((error: unknown) => onCrlReload(path, error));
    };
    watchFile(path, { interval: CRL_POLL_MS, persistent: false }, listener);
    return [path, listener] as const;
  });
  return {
    ...assembly,
    trustedCertificates: trusted.length,
    close() {
      for (const [path, listener] of listeners) unwatchFile(path, listener);
    },
  };
}
