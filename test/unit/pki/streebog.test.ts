import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pattern } from '../../support/bytes.ts';
import { streebog256, streebog512 } from '../../../src/pki/gost/streebog.ts';
import { A, C, PI } from '../../../src/pki/gost/streebog-tables.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** RFC 6986 prints messages and digests as numbers, most significant byte first: the reverse of the byte string. */
const fromRfc = (text: string): Uint8Array => fromHex(text).reverse();

// A second implementation written straight from the definitions in RFC 6986 §7–§9: byte arrays, S, P and L applied
// one after the other (L bit by bit over the matrix A), and BigInt arithmetic for N and Σ. It shares only the
// transcribed constants with src/, which the published vectors check on their own.
const reference = (() => {
  const MOD = 1n << 512n;
  const aRows = A.map((row) => fromHex(row).reverse());
  const constants = C.map(fromRfc);
  const tau = Array.from({ length: 64 }, (_, k) => 8 * (k % 8) + Math.floor(k / 8));

  const xor = (a: Uint8Array, b: Uint8Array): Uint8Array => a.map((v, i) => v ^ b[i]!);
  const toBigInt = (v: Uint8Array): bigint => BigInt(`0x${hex(v.slice().reverse()) || '0'}`);
  const toVector = (v: bigint): Uint8Array => fromHex(v.toString(16).padStart(128, '0')).reverse();

  function lps(a: Uint8Array): Uint8Array {
    const s = a.map((v) => PI[v]!);
    const p = new Uint8Array(64).map((_, k) => s[tau[k]!]!);
    const out = new Uint8Array(64);
    for (let word = 0; word < 8; word++) {
      for (let bit = 0; bit < 64; bit++) {
        if ((p[8 * word + (bit >> 3)]! >> (bit & 7)) & 1) {
          const row = aRows[63 - bit]!;
          for (let b = 0; b < 8; b++) out[8 * word + b]! ^= row[b]!;
        }
      }
    }
    return out;
  }

  function g(n: Uint8Array, h: Uint8Array, m: Uint8Array): Uint8Array {
    let k = lps(xor(h, n));
    let e = m;
    for (const c of constants) {
      e = lps(xor(k, e));
      k = lps(xor(k, c));
    }
    return xor(xor(xor(k, e), h), m);
  }

  return (message: Uint8Array, bits: 256 | 512): Uint8Array => {
    let h: Uint8Array = new Uint8Array(64).fill(bits === 256 ? 1 : 0);
    let n = 0n;
    let sigma = 0n;
    let rest = message;
    while (rest.length >= 64) {
      const m = rest.subarray(0, 64);
      h = g(toVector(n), h, m);
      n = (n + 512n) % MOD;
      sigma = (sigma + toBigInt(m)) % MOD;
      rest = rest.subarray(64);
    }
    const m = new Uint8Array(64);
    m.set(rest);
    m[rest.length] = 1;
    h = g(toVector(n), h, m);
    n = (n + BigInt(rest.length * 8)) % MOD;
    sigma = (sigma + toBigInt(m)) % MOD;
    h = g(new Uint8Array(64), h, toVector(n));
    h = g(new Uint8Array(64), h, toVector(sigma));
    return bits === 256 ? h.slice(32) : h;
  };
})();

describe('streebog: RFC 6986 §10 examples', () => {
  const m1 = fromRfc(
    '323130393837363534333231303938373635343332313039383736353433323130393837363534333231303938373635343332313039383736353433323130',
  );
  const m2 = fromRfc(
    'fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d120' +
      '2ce8f0f2e5e220e5d1',
  );

  it('reads the messages in the byte order the hash consumes them', () => {
    expect(m1).toHaveLength(63);
    expect(new TextDecoder().decode(m1)).toBe('012345678901234567890123456789012345678901234567890123456789012');
    expect(m2).toHaveLength(72);
    expect(new TextDecoder('windows-1251').decode(m2)).toBe(
      'Се ветри, Стрибожи внуци, веютъ с моря стрелами на храбрыя плъкы Игоревы',
    );
  });

  it('M1, 512-bit', () => {
    expect(streebog512(m1)).toEqual(
      fromRfc(
        '486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b',
      ),
    );
  });

  it('M1, 256-bit', () => {
    expect(streebog256(m1)).toEqual(fromRfc('00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'));
  });

  it('M2 (two blocks), 512-bit', () => {
    expect(streebog512(m2)).toEqual(
      fromRfc(
        '28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e',
      ),
    );
  });

  it('M2 (two blocks), 256-bit', () => {
    expect(streebog256(m2)).toEqual(fromRfc('508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d'));
  });
});

describe('streebog: other published vectors (raw output bytes)', () => {
  const fox = utf8('The quick brown fox jumps over the lazy dog');

  it('the fox sentence, 256-bit', () => {
    expect(hex(streebog256(fox))).toBe('3e7dea7f2384b6c5a3d0e24aaa29c05e89ddd762145030ec22c71a6db8b2c1f4');
  });

  it('the fox sentence, 512-bit', () => {
    expect(hex(streebog512(fox))).toBe(
      'd2b793a0bb6cb5904828b5b6dcfb443bb8f33efc06ad09368878ae4cdc8245b97e60802469bed1e7c21a64ff0b179a6a1e0bb74d92965450a0adab69162c00fe',
    );
  });

  it('the empty message', () => {
    const empty = new Uint8Array(0);
    expect(hex(streebog256(empty))).toBe('3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb');
    expect(hex(streebog512(empty))).toBe(
      '8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a',
    );
  });

  // Σ overflows 2^512 on the second block: catches a checksum addition that drops the carry out of the top limb.
  it('the 128-byte carry vector', () => {
    const message = fromHex(`${'ee'.repeat(64)}16${'11'.repeat(62)}16`);
    expect(hex(streebog256(message))).toBe('81bb632fa31fcc38b4c379a662dbc58b9bed83f50d3a1b2ce7271ab02d25babb');
    expect(hex(streebog512(message))).toBe(
      '8b06f41e59907d9636e892caf5942fcdfb71fa31169a5e70f0edb873664df41c2cce6e06dc6755d15a61cdeb92bd607cc4aaca6732bf3568a23a210dd520fd41',
    );
  });

  // gost-engine's `openssl dgst` vectors (test/01-digest.t).
  it('1 KiB of "12345670"', () => {
    const message = utf8('12345670'.repeat(128));
    expect(hex(streebog256(message))).toBe('1906512b86a1283c68cec8419e57113efc562a1d0e95d8f4809542900c416fe4');
    expect(hex(streebog512(message))).toBe(
      '283587e434864d0d4bea97c0fb10e2dd421572fc859304bdf6a94673d652c59049212bad7802b4fcf5eecc1f8fab569d60f2c20dbd789a7fe4efbd79d8137ee7',
    );
  });

  it('1 KiB of binary data', () => {
    const message = fromHex('0001021584674531'.repeat(128));
    expect(hex(streebog256(message))).toBe('2eb1306be3e490f18ff0e2571a077b3831c815c46c7d4fdf9e0e26de4032b3f3');
    expect(hex(streebog512(message))).toBe(
      '55656e5bcf795b499031a7833cd7dc18fe10d4a47e15be545c6ab3f304a4fe411c4c39de5b1fc6844880111441e0b92bf1ec2fb7840453fe39a2b70ced461968',
    );
  });

  it('539 bytes (a partial last block)', () => {
    const message = utf8('12345670'.repeat(128).slice(0, 539));
    expect(hex(streebog256(message))).toBe('c98a17f9fadff78d08521e4179a7b2e6275f3b1da88339a3cb961a3514e5332e');
    expect(hex(streebog512(message))).toBe(
      'd5ad93fbc9ed7abc1cf28d00827a052b40bea74b04c4fd753102c1bcf9f9dad5142887f8a4cceaa0d64a0a8291592413d6adb956b99138a0023e127ff37bdf08',
    );
  });

  it('284 KiB of text', () => {
    const message = utf8(`${'121345678'.repeat(7)}1234567\n`.repeat(4096) + '12345\n');
    expect(hex(streebog256(message))).toBe('50e935d725d9359e5991b6b7eba8b3539fca03584d26adf4c827c982ffd49367');
    expect(hex(streebog512(message))).toBe(
      '1d93645ebfbb477660f98b7d1598e37fbf3bfc8234ead26e2246e1b979e590ac46138158a692f9a0c9ac2550758b4d0d4c9fb8af5e595a16d3760c6516443f82',
    );
  });
});

describe('streebog: against the slow reference', () => {
  it('the reference reproduces the RFC M1 vector', () => {
    const m1 = utf8('012345678901234567890123456789012345678901234567890123456789012');
    expect(hex(reference(m1, 512))).toBe(
      '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
    );
  });

  it('a message of exactly 64 bytes (one full block, then an empty padded block)', () => {
    const message = utf8('0123456789abcdef'.repeat(4));
    expect(message).toHaveLength(64);
    expect(hex(streebog512(message))).toBe(hex(reference(message, 512)));
    expect(hex(streebog256(message))).toBe(hex(reference(message, 256)));
  });

  it('every length from 0 to 130 bytes', () => {
    const data = pattern(130, 1);
    for (let length = 0; length <= 130; length++) {
      const message = data.subarray(0, length);
      expect(hex(streebog512(message)), `512, length ${length}`).toBe(hex(reference(message, 512)));
      expect(hex(streebog256(message)), `256, length ${length}`).toBe(hex(reference(message, 256)));
    }
  });

  it('all-0xff blocks, which carry through every limb of Σ', () => {
    const message = new Uint8Array(64 * 3 + 5).fill(0xff);
    expect(hex(streebog512(message))).toBe(hex(reference(message, 512)));
  });

  it('a 1 MiB message', () => {
    const message = pattern(1 << 20, 2);
    const expected = hex(reference(message, 512));
    expect(hex(streebog512(message))).toBe(expected);
    // The module reuses its working buffers: hashing something else in between must not leak into the next result.
    streebog256(pattern(1000, 3));
    expect(hex(streebog512(message))).toBe(expected);
  });
});

describe('streebog: inputs', () => {
  it('hashes a view into a larger buffer by its own bytes only', () => {
    const backing = new Uint8Array(200).fill(0x5a);
    backing.set(utf8('The quick brown fox jumps over the lazy dog'), 37);
    const view = backing.subarray(37, 37 + 43);
    expect(hex(streebog256(view))).toBe('3e7dea7f2384b6c5a3d0e24aaa29c05e89ddd762145030ec22c71a6db8b2c1f4');
  });

  it('does not modify its input', () => {
    const message = pattern(100, 4);
    const copy = message.slice();
    streebog512(message);
    expect(message).toEqual(copy);
  });

  it('returns 64 and 32 bytes', () => {
    expect(streebog512(utf8('x'))).toHaveLength(64);
    expect(streebog256(utf8('x'))).toHaveLength(32);
  });
});

const samples = resolve(import.meta.dirname, '../../../../shared/kz-pki-samples');
const kzVectors = resolve(samples, 'ncalayer-rs/test_gost512.vectors');
if (!existsSync(kzVectors)) {
  console.log(`skipped: ${kzVectors} not found (NCA test samples are not part of the repository)`);
}

describe.skipIf(!existsSync(kzVectors))('streebog: Kazakh test PKI sample (ncalayer-rs)', () => {
  it('Streebog-512 of msg equals digest', () => {
    const fields = new Map(
      readFileSync(kzVectors, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]),
    );
    const msg = fields.get('msg');
    const digest = fields.get('digest');
    expect(msg).toBeDefined();
    expect(hex(streebog512(utf8(msg!)))).toBe(digest);
  });
});
