import { beforeAll, describe, expect, it } from 'vitest';
import { createPkiVerifier } from '../../../src/pki/create-verifier.ts';
import { PKI_ERROR_CODES, PkiError } from '../../../src/pki/errors.ts';
import type { PkiVerifier } from '../../../src/pki/verifier.ts';
import { readSample, samplesPresent } from '../../support/samples.ts';

/** CI runs a bounded number of cases; `npm run fuzz` sets KILT_FUZZ_CASES to many more. */
const CASES = Number(process.env.KILT_FUZZ_CASES ?? 400);
const SEED = Number(process.env.KILT_FUZZ_SEED ?? Date.now() % 1_000_000);

/** mulberry32: small, seedable, so a failing case can be replayed with KILT_FUZZ_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (input: Uint8Array, next: () => number) => Uint8Array;

const pick = (next: () => number, n: number): number => Math.floor(next() * n);

const MUTATIONS: Record<string, Mutation> = {
  bitFlip(input, next) {
    const out = Uint8Array.from(input);
    for (let i = 1 + pick(next, 4); i > 0; i--) out[pick(next, out.length)]! ^= 1 << pick(next, 8);
    return out;
  },
  truncate(input, next) {
    return input.slice(0, pick(next, input.length));
  },
  /** Rewrites a byte right after a SEQUENCE/SET/OCTET STRING tag: most of those are DER length octets. */
  lengthField(input, next) {
    const out = Uint8Array.from(input);
    const tags = [];
    for (let i = 0; i < out.length - 1; i++) if (out[i] === 0x30 || out[i] === 0x31 || out[i] === 0x04 || out[i] === 0xa0) tags.push(i + 1);
    const at = tags[pick(next, tags.length)]!;
    const choices = [0x00, 0x7f, 0x80, 0x81, 0x84, 0xff, (out[at]! + 1) & 0xff, (out[at]! - 1) & 0xff];
    out[at] = choices[pick(next, choices.length)]!;
    return out;
  },
  splice(input, next) {
    const at = pick(next, input.length);
    const junk = Uint8Array.from({ length: 1 + pick(next, 16) }, () => pick(next, 256));
    return Uint8Array.from([...input.subarray(0, at), ...junk, ...input.subarray(at + pick(next, 8))]);
  },
};

describe.skipIf(!samplesPresent)(`CMS fuzzing (${CASES} cases, seed ${SEED})`, () => {
  let gost: PkiVerifier;
  let corpus: Uint8Array[];
  beforeAll(() => {
    gost = createPkiVerifier({
      trusted: ['ncanode-go-kz/root_test_gost_2022.cer', 'ncanode-go-kz/nca_gost2022_test.cer'].map(readSample),
      revocation: 'off',
      clock: () => new Date('2023-01-01T00:00:00Z'),
    }).verifier;
    corpus = [
      readSample('ncanode/CmsServiceTest_SIGNED_CMS.cms.der'),
      readSample('ncanode/CmsServiceTest_SIGNED_DETACHED_CMS.cms.der'),
      readSample('ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.cms.der'),
    ];
  });
  const codes = new Set<string>(PKI_ERROR_CODES);

  it('answers every mutated CMS with ok or a pki.* code, quickly, never with another exception', async () => {
    const next = random(SEED);
    const names = Object.keys(MUTATIONS);
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const name = names[i % names.length]!;
      const input = MUTATIONS[name]!(corpus[pick(next, corpus.length)]!, next);
      const started = performance.now();
      let outcome = 'ok';
      try {
        await gost.verifyCms(input, { data: new TextEncoder().encode('test123') });
      } catch (error) {
        if (!(error instanceof PkiError)) throw new Error(`case ${i} (${name}, seed ${SEED}) threw ${String(error)}`, { cause: error });
        outcome = error.code;
      }
      expect(codes.has(outcome) || outcome === 'ok', outcome).toBe(true);
      expect(performance.now() - started, `case ${i} (${name}) took too long`).toBeLessThan(2_000);
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
    expect(seen.get('pki.malformed')).toBeGreaterThan(0);
  }, 600_000);
});
