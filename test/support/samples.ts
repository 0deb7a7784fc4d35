import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The public NCA RK TEST material beside the repository; never copied into it. */
export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/kz-pki-samples');
export const samplesPresent = existsSync(SAMPLES_DIR);

if (!samplesPresent) {
  console.log(`skipped: ${SAMPLES_DIR} not found (NCA test samples are not part of the repository)`);
}

export function samplePath(relative: string): string {
  return join(SAMPLES_DIR, relative);
}

export function readSample(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(samplePath(relative)));
}

/** A sample as DER: files named .cer/.crt/.pem hold either encoding (see the samples' README). */
export function readSampleDer(relative: string): Uint8Array {
  const bytes = readSample(relative);
  if (bytes[0] === 0x30) return bytes;
  const base64 = Buffer.from(bytes).toString('latin1').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
