import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cofactor, curveArithmetic } from '../../../src/pki/gost/curve-arithmetic.ts';
import {
  CRYPTOPRO_A,
  type GostCurve,
  type GostPoint,
  TC26_256_A,
  TC26_512_A,
  gostPublicKey,
  gostPublicKeyBytes,
  gostPublicPoint,
  gostNonce,
  gostSign,
  gostSignWithNonce,
  signGostRaw,
  verifyGostRaw,
} from '../../../src/pki/gost/gost3410.ts';
import { streebog512 } from '../../../src/pki/gost/streebog.ts';
import { readSample, samplesPresent } from '../../support/samples.ts';

const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const reversed = (bytes: Uint8Array): Uint8Array => bytes.slice().reverse();
const littleEndian = (value: bigint, size: number): Uint8Array =>
  reversed(fromHex(value.toString(16).padStart(2 * size, '0')));
const keyOf = (point: GostPoint, size: number): Uint8Array =>
  new Uint8Array([...littleEndian(point.x, size), ...littleEndian(point.y, size)]);
const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
};
const BOTH_PATHS = [{ precompute: false }, { precompute: true }] as const;

/** A private key below q for the 256- and 512-bit curves (top bits cleared). */
function randomPrivateKey(curve: GostCurve): Uint8Array {
  const d = randomBytes(curve.size);
  d[curve.size - 1]! &= 0x3f;
  d[0]! |= 1;
  return new Uint8Array(d);
}

/** Textbook affine double-and-add, independent of the Jacobian and table code under test. */
function referenceMultiply(curve: GostCurve, k: bigint, point: GostPoint): GostPoint | null {
  const { p, a } = curve;
  const mod = (v: bigint): bigint => ((v % p) + p) % p;
  const inverse = (v: bigint): bigint => {
    let [r0, r1, t0, t1] = [p, mod(v), 0n, 1n];
    while (r1) [r0, r1, t0, t1] = [r1, r0 - (r0 / r1) * r1, t1, t0 - (r0 / r1) * t1];
    return mod(t0);
  };
  const add = (P: GostPoint | null, Q: GostPoint | null): GostPoint | null => {
    if (!P) return Q;
    if (!Q) return P;
    if (P.x === Q.x && mod(P.y + Q.y) === 0n) return null;
    const slope = P.x === Q.x ? mod((3n * P.x * P.x + a) * inverse(2n * P.y)) : mod((Q.y - P.y) * inverse(Q.x - P.x));
    const x = mod(slope * slope - P.x - Q.x);
    return { x, y: mod(slope * (P.x - x) - P.y) };
  };
  let result: GostPoint | null = null;
  for (const bit of k.toString(2)) {
    result = add(result, result);
    if (bit === '1') result = add(result, point);
  }
  return result;
}

describe('curve constants', () => {
  it.each([
    { curve: TC26_512_A, expectedCofactor: 1n },
    { curve: TC26_256_A, expectedCofactor: 4n },
    { curve: CRYPTOPRO_A, expectedCofactor: 1n },
  ])('$curve.name: G lies on the curve, q·G = O and the cofactor is as published', ({ curve, expectedCofactor }) => {
    const arithmetic = curveArithmetic(curve);
    expect(arithmetic.isOnCurve(curve.x, curve.y)).toBe(true);
    expect(arithmetic.multiply({ x: curve.x, y: curve.y }, curve.q).z).toBe(0n);
    expect(cofactor(curve)).toBe(expectedCofactor);
  });

  it.each([TC26_512_A, TC26_256_A, CRYPTOPRO_A])('$name: fixed-base tables agree with textbook arithmetic', (curve) => {
    for (let i = 0; i < 3; i++) {
      const d = randomPrivateKey(curve);
      const expected = referenceMultiply(curve, BigInt(`0x${toHex(reversed(d))}`), { x: curve.x, y: curve.y })!;
      expect(gostPublicKeyBytes(curve, d)).toEqual(keyOf(expected, curve.size));
    }
  });
});

// GOST R 34.10-2012 Appendix A = RFC 7091 §7: example curves, keys, e, k and signatures, most significant digit first.
const RFC7091_EXAMPLES = [
  {
    curve: {
      name: 'RFC 7091 example 1 (256-bit)',
      p: 0x8000000000000000000000000000000000000000000000000000000000000431n,
      a: 7n,
      b: 0x5fbff498aa938ce739b8e022fbafef40563f6e6a3472fc2a514c0ce9dae23b7en,
      q: 0x8000000000000000000000000000000150fe8a1892976154c59cfc193accf5b3n,
      x: 2n,
      y: 0x08e2a8a0e65147d4bd6316030e16d19c85c97f0a9ca267122b96abbcea7e8fc8n,
      size: 32,
    } satisfies GostCurve,
    d: 0x7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28n,
    Q: {
      x: 0x7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80bn,
      y: 0x26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77dan,
    },
    e: 0x2dfbc1b372d89a1188c09c52e0eec61fce52032ab1022e8e67ece6672b043ee5n,
    k: 0x77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3n,
    r: 0x41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493n,
    s: 0x01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40n,
  },
  {
    curve: {
      name: 'RFC 7091 example 2 (512-bit)',
      p: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15df1d852741af4704a0458047e80e4546d35b8336fac224dd81664bbf528be6373n,
      a: 7n,
      b: 0x1cff0806a31116da29d8cfa54e57eb748bc5f377e49400fdd788b649eca1ac4361834013b2ad7322480a89ca58e0cf74bc9e540c2add6897fad0a3084f302adcn,
      q: 0x4531acd1fe0023c7550d267b6b2fee80922b14b2ffb90f04d4eb7c09b5d2d15da82f2d7ecb1dbac719905c5eecc423f1d86e25edbe23c595d644aaf187e6e6dfn,
      x: 0x24d19cc64572ee30f396bf6ebbfd7a6c5213b3b3d7057cc825f91093a68cd762fd60611262cd838dc6b60aa7eee804e28bc849977fac33b4b530f1b120248a9an,
      y: 0x2bb312a43bd2ce6e0d020613c857acddcfbf061e91e5f2c3f32447c259f39b2c83ab156d77f1496bf7eb3351e1ee4e43dc1a18b91b24640b6dbb92cb1add371en,
      size: 64,
    } satisfies GostCurve,
    d: 0x0ba6048aadae241ba40936d47756d7c93091a0e8514669700ee7508e508b102072e8123b2200a0563322dad2827e2714a2636b7bfd18aadfc62967821fa18dd4n,
    Q: {
      x: 0x115dc5bc96760c7b48598d8ab9e740d4c4a85a65be33c1815b5c320c854621dd5a515856d13314af69bc5b924c8b4ddff75c45415c1d9dd9dd33612cd530efe1n,
      y: 0x37c7c90cd40b0f5621dc3ac1b751cfa0e2634fa0503b3d52639f5d7fb72afd61ea199441d943ffe7f0c70a2759a3cdb84c114e1f9339fdf27f35eca93677beecn,
    },
    e: 0x3754f3cfacc9e0615c4f4a7c4d8dab531b09b6f9c170c533a71d147035b0c5917184ee536593f4414339976c647c5d5a407adedb1d560c4fc6777d2972075b8cn,
    k: 0x0359e7f4b1410feacc570456c6801496946312120b39d019d455986e364f365886748ed7a44b3e794434006011842286212273a6d14cf70ea3af71bb1ae679f1n,
    r: 0x2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd35492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36n,
    s: 0x1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4an,
  },
];

describe.each(RFC7091_EXAMPLES)('$curve.name', ({ curve, d, Q, e, k, r, s }) => {
  it('d·G = Q', () => {
    expect(gostPublicPoint(curve, d)).toEqual(Q);
  });

  it('signing e with k gives (r, s)', () => {
    expect(signGostRaw(curve, d, e, k)).toEqual({ r, s });
  });

  it.each(BOTH_PATHS)('verification accepts it and rejects tampered values (precompute: $precompute)', (options) => {
    expect(verifyGostRaw(curve, Q, e, r, s, options)).toBe(true);
    expect(verifyGostRaw(curve, Q, e + 1n, r, s, options)).toBe(false);
    expect(verifyGostRaw(curve, Q, e, r + 1n, s, options)).toBe(false);
    expect(verifyGostRaw(curve, Q, e, r, s - 1n, options)).toBe(false);
    expect(verifyGostRaw(curve, { x: curve.x, y: curve.y }, e, r, s, options)).toBe(false);
    expect(verifyGostRaw(curve, Q, e, r, curve.q - s, options)).toBe(false);
    expect(verifyGostRaw(curve, Q, e + curve.q, r, s, options)).toBe(true);
  });

  it('refuses a key off the curve', () => {
    expect(() => verifyGostRaw(curve, { x: Q.x, y: Q.y + 1n }, e, r, s)).toThrow(RangeError);
  });
});

describe.skipIf(!samplesPresent)('ncalayer-rs vector (Streebog-512 + TC26 512 A, KalkanCrypt byte order)', () => {
  // Fields: msg as text; digest, sig, spki, cert_tbs, cert_sig as raw bytes; d, qx, qy as big-endian numbers.
  // Skipped suites are still collected, hence the guard.
  const vector: Record<string, string> = samplesPresent
    ? Object.fromEntries(
        Buffer.from(readSample('ncalayer-rs/test_gost512.vectors'))
          .toString('utf8')
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      )
    : {};
  const digest = fromHex(vector.digest ?? '');
  const signature = fromHex(vector.sig ?? '');
  const spki = fromHex(vector.spki ?? '');
  const keyBytes = spki.subarray(spki.length - 128); // BIT STRING → OCTET STRING(128) = x_LE ‖ y_LE
  const d = BigInt(`0x${vector.d ?? 0}`);

  it('holds together: digest = Streebog-512(msg), d·G = (qx, qy) = the SPKI key read little-endian', () => {
    expect(toHex(streebog512(new TextEncoder().encode(vector.msg)))).toBe(vector.digest);
    expect(gostPublicPoint(TC26_512_A, d)).toEqual({ x: BigInt(`0x${vector.qx}`), y: BigInt(`0x${vector.qy}`) });
    expect(gostPublicKeyBytes(TC26_512_A, littleEndian(d, 64))).toEqual(keyBytes);
  });

  it.each(BOTH_PATHS)('verifies the message and the self-signed certificate (precompute: $precompute)', (options) => {
    const key = gostPublicKey(TC26_512_A, keyBytes, options);
    expect(key.verify(digest, signature)).toBe(true);
    expect(key.verify(streebog512(fromHex(vector.cert_tbs!)), fromHex(vector.cert_sig!))).toBe(true);
    expect(key.verify(flipBit(digest, 0), signature)).toBe(false);
    expect(key.verify(digest, flipBit(signature, 3))).toBe(false);
    expect(key.verify(digest, flipBit(signature, 64 * 8 + 3))).toBe(false);
  });

  it('fails with the other byte orders (r ‖ s and s ‖ r big-endian, digest big-endian)', () => {
    const key = gostPublicKey(TC26_512_A, keyBytes);
    const r = signature.subarray(0, 64);
    const s = signature.subarray(64);
    expect(key.verify(digest, new Uint8Array([...reversed(r), ...reversed(s)]))).toBe(false);
    expect(key.verify(digest, reversed(signature))).toBe(false);
    expect(key.verify(reversed(digest), signature)).toBe(false);
  });

  it('the certificate in the PEM file carries cert_tbs and cert_sig', () => {
    const pem = Buffer.from(readSample('ncalayer-rs/test_gost512.cer.pem')).toString('ascii');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(der.includes(Buffer.from(vector.cert_tbs!, 'hex'))).toBe(true);
    expect(der.includes(Buffer.from(vector.cert_sig!, 'hex'))).toBe(true);
  });
});

describe.each([TC26_512_A, TC26_256_A, CRYPTOPRO_A])('$name', (curve) => {
  const { size, q } = curve;
  const privateKey = randomPrivateKey(curve);
  const keyBytes = gostPublicKeyBytes(curve, privateKey);
  const digest = new Uint8Array(randomBytes(size));
  const signature = gostSign(curve, privateKey, digest);

  describe.each(BOTH_PATHS)('verification with precompute: $precompute', (options) => {
    const key = gostPublicKey(curve, keyBytes, options);

    it('accepts fresh signatures and rejects a flipped bit in the digest, r or s', () => {
      for (let i = 0; i < 4; i++) {
        const data = new Uint8Array(randomBytes(size));
        const sig = gostSign(curve, privateKey, data);
        expect(key.verify(data, sig)).toBe(true);
        const bit = Math.floor(Math.random() * size * 8);
        expect(key.verify(flipBit(data, bit), sig)).toBe(false);
        expect(key.verify(data, flipBit(sig, bit))).toBe(false);
        expect(key.verify(data, flipBit(sig, size * 8 + bit))).toBe(false);
      }
    });

    it('rejects the signature under another key', () => {
      const other = gostPublicKey(curve, gostPublicKeyBytes(curve, randomPrivateKey(curve)), options);
      expect(other.verify(digest, signature)).toBe(false);
    });

    it('returns false, without throwing, for malformed signatures', () => {
      const r = signature.subarray(0, size);
      const s = signature.subarray(size);
      const withR = (value: Uint8Array) => new Uint8Array([...value, ...s]);
      const withS = (value: Uint8Array) => new Uint8Array([...r, ...value]);
      const zero = new Uint8Array(size);
      const order = littleEndian(q, size);
      const max = new Uint8Array(size).fill(0xff);
      const outOfRange = [withR(zero), withS(zero), withR(order), withS(order), withR(max), withS(max)];
      for (const bad of [...outOfRange, zero, new Uint8Array(2 * size)]) expect(key.verify(digest, bad)).toBe(false);
      for (const length of [0, 2 * size - 1, 2 * size + 1]) {
        expect(key.verify(digest, new Uint8Array(length).fill(1))).toBe(false);
      }
      expect(key.verify(digest.subarray(1), signature)).toBe(false);
      for (let i = 0; i < 20; i++) expect(key.verify(digest, new Uint8Array(randomBytes(2 * size)))).toBe(false);
    });

    it('rejects (r, r·d), whose point z1·G + z2·Q is at infinity (the WebAssembly path hands it to OpenSSL)', () => {
      const d = BigInt(`0x${toHex(reversed(privateKey))}`);
      const r = BigInt(`0x${toHex(reversed(signature.subarray(0, size)))}`);
      const forged = new Uint8Array([...littleEndian(r, size), ...littleEndian((r * d) % q, size)]);
      expect(key.verify(digest, forged)).toBe(false);
      expect(key.verify(new Uint8Array(randomBytes(size)), forged)).toBe(false);
    });

    it('takes e = 1 when the digest is 0 mod q', () => {
      const sig = gostSign(curve, privateKey, new Uint8Array(size));
      expect(key.verify(new Uint8Array(size), sig)).toBe(true);
      expect(key.verify(littleEndian(q, size), sig)).toBe(true);
      expect(key.verify(littleEndian(1n, size), sig)).toBe(true);
      expect(key.verify(littleEndian(2n, size), sig)).toBe(false);
    });
  });

  it('signs deterministically with a given k, and refuses k or d outside [1, q − 1]', () => {
    const k = 0x1234567890abcdefn;
    expect(gostSign(curve, privateKey, digest, k)).toEqual(gostSign(curve, privateKey, digest, k));
    expect(() => gostSign(curve, privateKey, digest, 0n)).toThrow(RangeError);
    expect(() => gostSign(curve, privateKey, digest, q)).toThrow(RangeError);
    expect(() => gostSign(curve, new Uint8Array(size), digest)).toThrow(RangeError);
    expect(() => gostSign(curve, littleEndian(q, size), digest)).toThrow(RangeError);
    expect(() => gostSign(curve, privateKey.subarray(1), digest)).toThrow(RangeError);
    expect(() => gostSign(curve, privateKey, digest.subarray(1))).toThrow(RangeError);
  });

  it('signs with a nonce made beforehand exactly as with its k, and checks the key and digest alike', () => {
    const nonce = gostNonce(curve);
    const signed = gostSignWithNonce(curve, privateKey, digest, nonce);
    expect(signed).toEqual(gostSign(curve, privateKey, digest, nonce.k));
    expect(gostPublicKey(curve, keyBytes).verify(digest, signed!)).toBe(true);
    expect(signed!.subarray(0, size)).toEqual(littleEndian(nonce.r, size));
    expect(() => gostSignWithNonce(curve, privateKey, digest.subarray(1), nonce)).toThrow(RangeError);
    expect(() => gostSignWithNonce(curve, new Uint8Array(size), digest, nonce)).toThrow(RangeError);
  });

  it('refuses keys of the wrong length, off the curve or at infinity', () => {
    expect(() => gostPublicKey(curve, keyBytes.subarray(1))).toThrow(RangeError);
    expect(() => gostPublicKey(curve, new Uint8Array([...keyBytes, 0]))).toThrow(RangeError);
    expect(() => gostPublicKey(curve, flipBit(keyBytes, 5))).toThrow(RangeError);
    expect(() => gostPublicKey(curve, flipBit(keyBytes, size * 8 + 5))).toThrow(RangeError);
    expect(() => gostPublicKey(curve, new Uint8Array(2 * size))).toThrow(RangeError);
  });

});

// Only where G's x is below 2^(8·size) − p, so that x + p still fits in the encoding.
it.each([TC26_512_A, CRYPTOPRO_A])('$name: refuses a coordinate ≥ p that is right mod p', (curve) => {
  expect(() => gostPublicKey(curve, keyOf(curve, curve.size))).not.toThrow();
  expect(() => gostPublicKey(curve, keyOf({ x: curve.p + curve.x, y: curve.y }, curve.size))).toThrow(RangeError);
});

describe('TC26_256_A (cofactor 4)', () => {
  it.each(BOTH_PATHS)('accepts a signature whose x(k·G) exceeds q (precompute: $precompute)', (options) => {
    const { q } = TC26_256_A;
    let k = 2n;
    while (gostPublicPoint(TC26_256_A, k).x < q) k++;
    const privateKey = randomPrivateKey(TC26_256_A);
    const digest = new Uint8Array(randomBytes(32));
    const signature = gostSign(TC26_256_A, privateKey, digest, k);
    const key = gostPublicKey(TC26_256_A, gostPublicKeyBytes(TC26_256_A, privateKey), options);
    expect(key.verify(digest, signature)).toBe(true);
    expect(key.verify(flipBit(digest, 9), signature)).toBe(false);
  });

  it('refuses a point of the curve outside the order-q subgroup', () => {
    const { p, a, b, q } = TC26_256_A;
    const arithmetic = curveArithmetic(TC26_256_A);
    const power = (base: bigint, exponent: bigint): bigint => {
      let result = 1n;
      for (base %= p; exponent > 0n; exponent >>= 1n, base = (base * base) % p) {
        if (exponent & 1n) result = (result * base) % p;
      }
      return result;
    };
    let x = 5n;
    for (; ; x++) {
      const rhs = (power(x, 3n) + a * x + b) % p;
      const y = power(rhs, (p + 1n) / 4n); // p ≡ 3 (mod 4)
      if ((y * y) % p !== rhs) continue;
      if (arithmetic.multiply({ x, y }, q).z === 0n) continue;
      expect(() => gostPublicKey(TC26_256_A, keyOf({ x, y }, 32))).toThrow(/subgroup/);
      return;
    }
  });
});
