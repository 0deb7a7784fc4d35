import { describe, expect, it } from 'vitest';
import { pattern } from '../../support/bytes.ts';
import { type Certificate, decodePemOrDer, parseCertificate } from '../../../src/pki/certificate.ts';
import { parseSignedData, singleAttribute } from '../../../src/pki/cms.ts';
import { readOctetString } from '../../../src/pki/der.ts';
import { computeDigest } from '../../../src/pki/digest.ts';
import { gost34311 } from '../../../src/pki/gost/gost34311.ts';
import { OID } from '../../../src/pki/oids.ts';
import { keyAlgorithmName, signatureScheme, verifySignature, verifyingKey } from '../../../src/pki/signature.ts';
import { pkiFailure } from '../../support/pki-failure.ts';
import { readSample, samplesPresent } from '../../support/samples.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** RFC 5831 prints messages and digests as numbers, most significant byte first: the reverse of the byte string. */
const fromRfc = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex')).reverse();

// The two S-box sets in question, transcribed apart from src/ (RFC 4357 digest parameter sets; row i = K(i+1)).
const TEST_SBOX = [
  [4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3],
  [14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9],
  [5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11],
  [7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3],
  [6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2],
  [4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14],
  [13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12],
  [1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12],
];
const CRYPTOPRO_SBOX = [
  [10, 4, 5, 6, 8, 1, 3, 7, 13, 12, 14, 0, 9, 2, 11, 15],
  [5, 15, 4, 0, 2, 13, 11, 9, 1, 7, 6, 3, 12, 14, 10, 8],
  [7, 15, 12, 14, 9, 4, 1, 0, 3, 11, 5, 2, 6, 10, 8, 13],
  [4, 10, 7, 12, 0, 15, 2, 8, 14, 1, 6, 5, 13, 11, 9, 3],
  [7, 6, 4, 11, 9, 12, 2, 10, 1, 8, 0, 14, 15, 13, 3, 5],
  [7, 6, 2, 4, 13, 9, 15, 0, 10, 1, 5, 11, 8, 14, 12, 3],
  [13, 14, 4, 1, 7, 0, 5, 10, 3, 12, 8, 15, 6, 2, 9, 11],
  [1, 3, 10, 9, 5, 11, 4, 15, 8, 6, 7, 14, 13, 0, 2, 12],
];

// A second implementation written straight from RFC 5831's definitions: byte arrays for A, P and ψ, the cipher
// nibble by nibble, BigInt for the length and Σ. Slow, but it shares nothing with src/ but the published facts.
function reference(message: Uint8Array, sbox: number[][]): Uint8Array {
  const word = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
  const xor = (x: Uint8Array, y: Uint8Array): Uint8Array => x.map((b, i) => b ^ y[i]!);
  const toBytes = (n: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
  const toBigInt = (b: Uint8Array): bigint => b.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

  function encrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
    const k = Array.from({ length: 8 }, (_, i) => word(key, 4 * i));
    let n1 = word(block, 0);
    let n2 = word(block, 4);
    for (let round = 0; round < 32; round++) {
      const sum = (n1 + k[round < 24 ? round % 8 : 31 - round]!) >>> 0;
      let substituted = 0;
      for (let i = 0; i < 8; i++) substituted |= sbox[i]![(sum >>> (4 * i)) & 15]! << (4 * i);
      [n1, n2] = [(n2 ^ ((substituted << 11) | (substituted >>> 21))) >>> 0, n1];
    }
    return Uint8Array.from({ length: 8 }, (_, i) => (i < 4 ? n2 >>> (8 * i) : n1 >>> (8 * (i - 4))) & 0xff);
  }
  const a = (y: Uint8Array): Uint8Array => Uint8Array.from([...y.subarray(8), ...xor(y.subarray(0, 8), y.subarray(8, 16))]);
  const p = (y: Uint8Array): Uint8Array => Uint8Array.from({ length: 32 }, (_, t) => y[8 * (t % 4) + Math.floor(t / 4)]!);
  const psi = (y: Uint8Array): Uint8Array => {
    const top = [0, 1, 2, 3, 12, 15].reduce((acc, i) => [acc[0]! ^ y[2 * i]!, acc[1]! ^ y[2 * i + 1]!], [0, 0]);
    return Uint8Array.from([...y.subarray(2), ...top]);
  };
  const c3 = fromRfc('ff00ffff000000ffff0000ff00ffff0000ff00ff00ff00ffff00ff00ff00ff00');

  function step(h: Uint8Array, m: Uint8Array): Uint8Array {
    let u = h;
    let v = m;
    const s = new Uint8Array(32);
    for (let j = 0; j < 4; j++) {
      if (j > 0) {
        u = j === 2 ? xor(a(u), c3) : a(u);
        v = a(a(v));
      }
      s.set(encrypt(p(xor(u, v)), h.subarray(8 * j, 8 * j + 8)), 8 * j);
    }
    let x: Uint8Array = s;
    for (let i = 0; i < 12; i++) x = psi(x);
    x = xor(h, psi(xor(m, x)));
    for (let i = 0; i < 61; i++) x = psi(x);
    return x;
  }

  let h: Uint8Array = new Uint8Array(32);
  let sigma = 0n;
  for (let offset = 0; offset < message.length; offset += 32) {
    const block = new Uint8Array(32);
    block.set(message.subarray(offset, offset + 32));
    h = step(h, block);
    sigma = (sigma + toBigInt(block)) % (1n << 256n);
  }
  h = step(h, toBytes(BigInt(message.length) * 8n));
  return step(h, toBytes(sigma));
}

describe('GOST 34.311-95 = GOST R 34.11-94, test parameter set: published vectors', () => {
  it('RFC 5831 §7.3.1, a 32-byte message', () => {
    const message = fromRfc('73657479622032333d6874676e656c202c6567617373656d2073692073696854');
    expect(new TextDecoder().decode(message)).toBe('This is message, length=32 bytes');
    expect(gost34311(message)).toEqual(fromRfc('faff37a615a816691cff3ef8b68ca247e09525f39f8119832eb81975d366c4b1'));
  });

  it('RFC 5831 §7.3.2, a 50-byte message', () => {
    const message = utf8('Suppose the original message has length = 50 bytes');
    expect(gost34311(message)).toEqual(fromRfc('0852f5623b89dd57aeb4781fe54df14eeafbc1350613763a0d770aa657ba1a47'));
  });

  // The test-parameter vectors every implementation prints as raw output bytes (OpenSSL's engine, Digest::GOST).
  it.each([
    ['', 'ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d'],
    ['a', 'd42c539e367c66e9c88a801f6649349c21871b4344c6a573f849fdce62f314dd'],
    ['abc', 'f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d'],
    ['message digest', 'ad4434ecb18f2c99b60cbe59ec3d2469582b65273f48de72db2fde16a4889a4d'],
    ['The quick brown fox jumps over the lazy dog', '77b7fa410c9ac58a25f49bca7d0468c9296529315eaca76bd1a10f376d1f4294'],
    ['U'.repeat(128), '53a3a3ed25180cef0c1d85a074273e551c25660a87062a52d926a9e8fe5733a4'],
  ])('%j', (message, digest) => {
    expect(hex(gost34311(utf8(message)))).toBe(digest);
  });

  it('a million "a"', () => {
    expect(hex(gost34311(new Uint8Array(1_000_000).fill(0x61)))).toBe('5c00ccc2734cdd3332d3d4749576e3c1a7dbaf0e7ea74e9fa602413c90a129fa');
  });
});

describe('GOST 34.311-95: against the slow reference', () => {
  it('the reference reproduces RFC 5831 §7.3.2, and with the CryptoPro S-boxes their published vectors', () => {
    expect(reference(utf8('Suppose the original message has length = 50 bytes'), TEST_SBOX)).toEqual(
      fromRfc('0852f5623b89dd57aeb4781fe54df14eeafbc1350613763a0d770aa657ba1a47'),
    );
    expect(hex(reference(utf8('This is message, length=32 bytes'), CRYPTOPRO_SBOX))).toBe(
      '2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb',
    );
    expect(hex(reference(utf8('Suppose the original message has length = 50 bytes'), CRYPTOPRO_SBOX))).toBe(
      'c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011',
    );
  });

  it('every length from 0 to 100 bytes', () => {
    const data = pattern(100, 1);
    for (let length = 0; length <= 100; length++) {
      const message = data.subarray(0, length);
      expect(hex(gost34311(message)), `length ${length}`).toBe(hex(reference(message, TEST_SBOX)));
    }
  });

  it('all-0xff blocks, which carry through every word of Σ', () => {
    const message = new Uint8Array(32 * 3 + 5).fill(0xff);
    expect(hex(gost34311(message))).toBe(hex(reference(message, TEST_SBOX)));
  });

  it('reuses its buffers without leaking one result into the next', () => {
    const message = pattern(4096, 2);
    const expected = hex(reference(message, TEST_SBOX));
    expect(hex(gost34311(message))).toBe(expected);
    gost34311(pattern(77, 3));
    expect(hex(gost34311(message))).toBe(expected);
  });

  it('hashes a view by its own bytes only and leaves it unchanged', () => {
    const backing = new Uint8Array(100).fill(0x5a);
    backing.set(utf8('abc'), 40);
    const view = backing.subarray(40, 43);
    expect(hex(gost34311(view))).toBe('f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d');
    expect(backing[40]).toBe(0x61);
  });

  it('is the digest of OID 1.2.398.3.10.1.3.1', () => {
    expect(computeDigest(OID.gost34311, utf8('abc'))).toEqual(gost34311(utf8('abc')));
  });
});

const GOSTKNCA_CMS = [
  'ncanode-go/organization_active_GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.cms.der',
  'ncanode-go/organization_revoked_GOSTKNCA_c372b7809440fcb681051bbc89ea2f089fd2fe16.cms.der',
];

/** The pki.* code a synchronous check throws. */
const failure = (check: () => void): Promise<string> => pkiFailure(Promise.resolve().then(check));

function certificate(path: string): Certificate {
  return parseCertificate(decodePemOrDer(readSample(path), ['CERTIFICATE'])[0]!);
}

/** Verifies `subject`'s signature with `issuer`'s key, once through OpenSSL and once with the CA tables. */
function checkCertificate(subject: Certificate, issuer: Certificate): void {
  const scheme = signatureScheme(subject.signatureAlgorithm);
  const spki = issuer.publicKeyInfo;
  verifySignature(spki, scheme, subject.tbs, subject.signature, 'certificate');
  verifySignature(spki, scheme, subject.tbs, subject.signature, 'certificate', verifyingKey(spki, { precompute: true }));
}

describe.skipIf(!samplesPresent)('GOST 34.310-2004 / 34.311-95 on the NCA sample files', () => {
  it.each(GOSTKNCA_CMS)('%s: messageDigest is GOST 34.311-95 of the content, raw output bytes', (path) => {
    const signedData = parseSignedData(readSample(path));
    const [signer] = signedData.signers;
    expect(signer!.digestAlgorithm.oid).toBe(OID.gost34311);
    expect(new TextDecoder().decode(signedData.content)).toBe('asdasd');
    const messageDigest = readOctetString(singleAttribute(signer!, OID.messageDigest), 'messageDigest');
    expect(hex(messageDigest)).toBe(hex(gost34311(signedData.content!)));
    // The CryptoPro parameter set, which some Kazakh tooling assumes for this OID, gives another digest.
    expect(hex(messageDigest)).not.toBe(hex(reference(signedData.content!, CRYPTOPRO_SBOX)));
  });

  it.each(GOSTKNCA_CMS)('%s: the signature over the signed attributes verifies, in the Kalkan byte order only', async (path) => {
    const signedData = parseSignedData(readSample(path));
    const signer = signedData.signers[0]!;
    const spki = signedData.certificates[0]!.publicKeyInfo;
    expect(keyAlgorithmName(spki)).toBe('GOST34.310-2004');
    const scheme = signatureScheme(signer.signatureAlgorithm, signer.digestAlgorithm.oid);
    expect(scheme.name).toBe('GOST34.310-2004');
    verifySignature(spki, scheme, signer.signedAttributesDer!, signer.signature, 'CMS');
    // r_LE ‖ s_LE reversed is RFC 4491's s_BE ‖ r_BE.
    const rfc4491 = signer.signature.slice().reverse();
    expect(await failure(() => verifySignature(spki, scheme, signer.signedAttributesDer!, rfc4491, 'CMS'))).toBe('pki.signature_invalid');
    const tampered = signer.signedAttributesDer!.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(await failure(() => verifySignature(spki, scheme, tampered, signer.signature, 'CMS'))).toBe('pki.signature_invalid');
  });

  it('the 2019 test chain: end-entity certificates ← ҰКО 3.0 (GOST TEST) ← НЕГІЗГІ КО TEST (GOST), self-signed', () => {
    const root = certificate('gokalkan/root_gost_test_0a266fd3.crt');
    const intermediate = certificate('gokalkan/nca_gost_test_14b64b1c.crt');
    expect(hex(certificate('ncanode/NCA_2004_GOST_CERT.pem').der)).toBe(hex(intermediate.der));
    checkCertificate(root, root);
    checkCertificate(intermediate, root);
    for (const path of [
      'ncanode-go/organization_active_GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.certs.pem',
      'gokalkan/gost1_3b9330ac.certs.pem',
      'gokalkan/GOSTKNCA_94219981.certs.pem',
    ]) {
      checkCertificate(certificate(path), intermediate);
    }
  });

  it('the 2015 production chain: GOSTKNCA 2018 ← ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) ← its root, self-signed', () => {
    const root = certificate('ncanode-history/root_gost_cfc875bf.crt');
    const intermediate = certificate('ncanode-history/nca_gost_bc59b3e3.crt');
    checkCertificate(root, root);
    checkCertificate(intermediate, root);
    checkCertificate(certificate('ncanode-history/GOSTKNCA_f8a422238209b6e753116431b69b09178f14e9d7_e25d5618.certs.pem'), intermediate);
  });

  it('a certificate does not verify under another CA of the same curve', async () => {
    const other = certificate('ncanode-history/nca_gost_bc59b3e3.crt');
    const subject = certificate('gokalkan/gost1_3b9330ac.certs.pem');
    expect(await failure(() => checkCertificate(subject, other))).toBe('pki.signature_invalid');
  });
});
