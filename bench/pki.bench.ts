// Speed and memory of the verifier, printed as figures (not a test). Runs on one core: everything here is synchronous
// on the main thread. Usage: npm run bench:pki   (BENCH_SECONDS, BENCH_MEMORY_VERIFICATIONS to shorten a run)
import { createHash, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { createPkiVerifier } from '../src/pki/create-verifier.ts';
import { TC26_512_A, gostPublicKey, gostPublicKeyBytes, gostSign } from '../src/pki/gost/gost3410.ts';
import { streebog512 } from '../src/pki/gost/streebog.ts';
import type { PkiVerifier } from '../src/pki/verifier.ts';
import { type KeyAlgorithm, createTestPki, signCms } from '../test/support/pki/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MEMORY_VERIFICATIONS = Number(process.env.BENCH_MEMORY_VERIFICATIONS ?? 100_000);

/** Operations per second of `run(i)`, after a warm-up, over SECONDS of wall time. */
async function rate(run: (i: number) => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await run(i);
  let count = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  while (performance.now() < deadline) {
    for (let j = 0; j < 20; j++) await run(count++);
  }
  return count / ((performance.now() - started) / 1000);
}

function nativeEcdsaP521(): () => boolean {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  const messages = Array.from({ length: 64 }, () => randomBytes(32));
  const signatures = messages.map((message) => sign('sha512', message, privateKey));
  let i = 0;
  return () => verify('sha512', messages[i % 64]!, publicKey, signatures[i++ % 64]!);
}

function nativeRsa2048(): () => boolean {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const messages = Array.from({ length: 64 }, () => randomBytes(32));
  const signatures = messages.map((message) => sign('sha256', message, privateKey));
  let i = 0;
  return () => verify('sha256', messages[i % 64]!, publicKey, signatures[i++ % 64]!);
}

function gost512(precompute: boolean): () => boolean {
  const privateKey = new Uint8Array(createHash('sha512').update('kilt bench').digest());
  privateKey[63] = 0x01;
  const key = gostPublicKey(TC26_512_A, gostPublicKeyBytes(TC26_512_A, privateKey), { precompute });
  const digests = Array.from({ length: 64 }, () => streebog512(randomBytes(32)));
  const signatures = digests.map((digest) => gostSign(TC26_512_A, privateKey, digest));
  let i = 0;
  return () => {
    if (!key.verify(digests[i % 64]!, signatures[i++ % 64]!)) throw new Error('GOST verification failed');
    return true;
  };
}

interface CmsWorkload {
  readonly verifier: PkiVerifier;
  readonly check: (i: number) => Promise<unknown>;
}

/**
 * Full sign-in checks: a different challenge each time, signed by several people; signature, digest, chain (the
 * intermediate's path verified once when the trust store is built), validity, key purpose and revocation from a
 * CRL loaded once.
 */
async function cmsWorkload(algorithm: KeyAlgorithm): Promise<CmsWorkload> {
  const pki = await createTestPki({ algorithm });
  const { verifier } = createPkiVerifier({ trusted: [pki.root.der, pki.intermediate.der], crls: [pki.crl()], revocation: 'crl' });
  const people = (['individual', 'firstHead', 'signingRight', 'employee', 'hr'] as const).map((name) => pki.endEntities[name]);
  const samples = Array.from({ length: 256 }, (_, i) => {
    const challenge = new Uint8Array(randomBytes(32));
    return { challenge, cms: signCms(challenge, people[i % people.length]!) };
  });
  const check = (i: number) => {
    const { challenge, cms } = samples[i % samples.length]!;
    return verifier.verifyCms(cms, { expectedContent: challenge, purpose: 'auth', singleSigner: true });
  };
  return { verifier, check };
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const format = (n: number): string => n.toFixed(0).padStart(8);

async function main(): Promise<void> {
  console.log(`Kilt pki benchmark — Node ${process.version}, one core, ${SECONDS} s per figure\n`);
  const p521 = await rate(nativeEcdsaP521());
  const rsa2048 = await rate(nativeRsa2048());
  const gost = await rate(gost512(false));
  const gostPrecomputed = await rate(gost512(true));
  const gostCms = await cmsWorkload('gost512');
  const rsaCms = await cmsWorkload('rsa');
  const gostFull = await rate(gostCms.check);
  const rsaFull = await rate(rsaCms.check);

  const rows: [string, number, number | undefined, number | undefined][] = [
    ['native crypto.verify ECDSA P-521', p521, undefined, undefined],
    ['native crypto.verify RSA-2048', rsa2048, undefined, undefined],
    ['GOST-2015-512 verify (any key)', gost, gost / p521, 0.5],
    ['GOST-2015-512 verify (CA key, precomputed)', gostPrecomputed, gostPrecomputed / p521, undefined],
    ['full GOST CMS sign-in check', gostFull, gostFull / p521, 0.4],
    ['full RSA CMS sign-in check', rsaFull, rsaFull / rsa2048, 0.3],
  ];
  console.log('what                                          per second   × reference   target');
  for (const [name, value, ratio, target] of rows) {
    const verdict = target === undefined ? '' : `≥ ${target}  ${ratio! >= target ? 'met' : 'NOT MET'}`;
    console.log(`${name.padEnd(44)} ${format(value)}   ${ratio === undefined ? '           ' : ratio.toFixed(2).padStart(11)}   ${verdict}`);
  }
  console.log('(GOST ratios are against native P-521, the RSA one against native RSA-2048)\n');

  if (!globalThis.gc) console.log('note: run with --expose-gc for exact heap figures');
  console.log(`memory over ${MEMORY_VERIFICATIONS} full CMS checks (RSA and GOST alternating):`);
  const start = heapMb();
  const rssStart = process.memoryUsage().rss / 1024 / 1024;
  const step = MEMORY_VERIFICATIONS / 4;
  for (let i = 1; i <= MEMORY_VERIFICATIONS; i++) {
    await (i % 2 === 0 ? rsaCms : gostCms).check(i);
    if (i % step === 0) {
      console.log(`  after ${String(i).padStart(7)}: heap ${heapMb().toFixed(1)} MB (start ${start.toFixed(1)} MB), rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (start ${rssStart.toFixed(0)} MB)`);
    }
  }
}

await main();
