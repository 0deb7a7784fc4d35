// GOST 34.311-95, the hash of legacy Kazakh GOST 34.310-2004 signatures (OID 1.2.398.3.10.1.3.1): Kazakhstan's
// adoption of GOST R 34.11-94 (RFC 5831) with the S-boxes of id-GostR3411-94-TestParamSet (1.2.643.2.2.30.0 of
// RFC 4357, printed in RFC 5831 §7.1); the Kazakh hash parameter OID 1.2.398.3.10.1.3.1.1.0 ends in the same 0.
// The CryptoPro set (1.2.643.2.2.30.1), which some Kazakh tooling assumes, does not reproduce the messageDigest of
// KalkanCrypt's CMS; this one does, and NCA's certificate signatures verify with it.
//
// Byte order: a 256-bit value is 32 bytes, least significant first — message, length, checksum and digest alike.
// That is the order of OpenSSL's GOST engine and of KalkanCrypt's messageDigest; RFC 5831 prints numbers, most
// significant byte first, i.e. byte-reversed.
//
// Internally a 256-bit value is eight 32-bit words, least significant first, so word i holds bytes 4i … 4i + 3.

// Row i is the S-box K(i+1) of RFC 5831, which substitutes bits 4i … 4i + 3 of the GOST 28147-89 round input.
const TEST_PARAM_SET_SBOX: readonly (readonly number[])[] = [
  [4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3],
  [14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9],
  [5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11],
  [7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3],
  [6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2],
  [4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14],
  [13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12],
  [1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12],
];

// The round function's substitution and 11-bit rotation, one table per input byte (entry j·256 + x for byte j).
const ROUND = new Int32Array(4 * 256);
for (let j = 0; j < 4; j++) {
  const low = TEST_PARAM_SET_SBOX[2 * j]!;
  const high = TEST_PARAM_SET_SBOX[2 * j + 1]!;
  for (let x = 0; x < 256; x++) {
    const y = ((high[x >>> 4]! << 4) | low[x & 15]!) << (8 * j);
    ROUND[(j << 8) | x] = (y << 11) | (y >>> 21);
  }
}

/** The key-generation constant C_3 of RFC 5831, printed there most significant digit first. */
const C3 = Int32Array.from({ length: 8 }, (_, i) =>
  parseInt('ff00ffff000000ffff0000ff00ffff0000ff00ff00ff00ffff00ff00ff00ff00'.slice(56 - 8 * i, 64 - 8 * i), 16),
);

// Working state, allocated once: hashing is synchronous, so one set of buffers serves every call.
const u = new Int32Array(8);
const v = new Int32Array(8);
const w = new Int32Array(8);
const key = new Int32Array(8);
const s = new Int32Array(8);
/** The ψ shift register: ψ^n of the 16 words at 0 … 15 is the 16 words at n … n + 15. */
const lfsr = new Uint16Array(16 + 61);

/** GOST 28147-89 encryption (simple substitution mode) of words (h[at], h[at+1]) under `key`, into s[at], s[at+1]. */
function encrypt(h: Int32Array, at: number): void {
  let n1 = h[at]!;
  let n2 = h[at + 1]!;
  for (let round = 0; round < 32; round++) {
    // Key words 0 … 7 three times, then 7 … 0.
    const x = (n1 + key[round < 24 ? round & 7 : 31 - round]!) | 0;
    const t =
      n2 ^ ROUND[x & 0xff]! ^ ROUND[0x100 | ((x >>> 8) & 0xff)]! ^ ROUND[0x200 | ((x >>> 16) & 0xff)]! ^ ROUND[0x300 | (x >>> 24)]!;
    n2 = n1;
    n1 = t;
  }
  // The last round does not swap the halves.
  s[at] = n2;
  s[at + 1] = n1;
}

/** A(Y) = (y1 ⊕ y2) ‖ y4 ‖ y3 ‖ y2 over 64-bit y1 … y4, y1 least significant. */
function a(x: Int32Array): void {
  const x0 = x[0]!;
  const x1 = x[1]!;
  x.copyWithin(0, 2);
  x[6] = x0 ^ x[0]!;
  x[7] = x1 ^ x[1]!;
}

/** The key P(u ⊕ v): byte i + 4k of the key is byte 8i + k of u ⊕ v, so key word k gathers byte k of each 64-bit word. */
function deriveKey(): void {
  for (let i = 0; i < 8; i++) w[i] = u[i]! ^ v[i]!;
  for (let k = 0; k < 8; k++) {
    const shift = 8 * (k & 3);
    const half = k >>> 2;
    key[k] =
      ((w[half]! >>> shift) & 0xff) |
      (((w[2 + half]! >>> shift) & 0xff) << 8) |
      (((w[4 + half]! >>> shift) & 0xff) << 16) |
      (((w[6 + half]! >>> shift) & 0xff) << 24);
  }
}

/** Loads `x` into the ψ register as sixteen 16-bit words and runs it `n` steps; the result is lfsr[n … n + 15]. */
function psi(x: Int32Array, n: number): void {
  for (let i = 0; i < 8; i++) {
    lfsr[2 * i] = x[i]!;
    lfsr[2 * i + 1] = x[i]! >>> 16;
  }
  for (let k = 0; k < n; k++) {
    lfsr[16 + k] = lfsr[k]! ^ lfsr[k + 1]! ^ lfsr[k + 2]! ^ lfsr[k + 3]! ^ lfsr[k + 12]! ^ lfsr[k + 15]!;
  }
}

/** Word i of the ψ register after `n` steps. */
function psiWord(n: number, i: number): number {
  return lfsr[n + 2 * i]! | (lfsr[n + 2 * i + 1]! << 16);
}

/** RFC 5831's step function: key generation, encryption of H's four 64-bit words, mixing; the new H replaces `h`. */
function step(h: Int32Array, m: Int32Array): void {
  u.set(h);
  v.set(m);
  for (let j = 0; j < 4; j++) {
    if (j > 0) {
      a(u);
      if (j === 2) for (let i = 0; i < 8; i++) u[i]! ^= C3[i]!;
      a(v);
      a(v);
    }
    deriveKey();
    encrypt(h, 2 * j);
  }
  // H' = ψ^61(H ⊕ ψ(M ⊕ ψ^12(S))).
  psi(s, 12);
  for (let i = 0; i < 8; i++) w[i] = m[i]! ^ psiWord(12, i);
  psi(w, 1);
  for (let i = 0; i < 8; i++) w[i] = h[i]! ^ psiWord(1, i);
  psi(w, 61);
  for (let i = 0; i < 8; i++) h[i] = psiWord(61, i);
}

/** sum += m mod 2^256. */
function add(sum: Int32Array, m: Int32Array): void {
  let carry = 0;
  for (let i = 0; i < 8; i++) {
    const total = (sum[i]! >>> 0) + (m[i]! >>> 0) + carry;
    sum[i] = total;
    carry = total > 0xffffffff ? 1 : 0;
  }
}

const chain = new Int32Array(8);
const checksum = new Int32Array(8);
const block = new Int32Array(8);
const lastBlock = new Uint8Array(32);

function loadBlock(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) {
    const at = offset + 4 * i;
    block[i] = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
  }
}

/** GOST 34.311-95 (= GOST R 34.11-94 with the test parameter set) of `data`: 32 bytes, least significant first. */
export function gost34311(data: Uint8Array): Uint8Array {
  chain.fill(0);
  checksum.fill(0);
  let offset = 0;
  for (; offset + 32 <= data.length; offset += 32) {
    loadBlock(data, offset);
    step(chain, block);
    add(checksum, block);
  }
  // A partial last block is padded with zeros at its high end. The empty message hashes no block at all, as the
  // published vector of "" requires.
  if (offset < data.length) {
    lastBlock.fill(0);
    lastBlock.set(data.subarray(offset));
    loadBlock(lastBlock, 0);
    step(chain, block);
    add(checksum, block);
  }
  // The length in bits as a 256-bit number; a Uint8Array cannot reach 2^53 bits, so two words suffice.
  const bits = data.length * 8;
  block.fill(0);
  block[0] = bits % 0x100000000;
  block[1] = Math.floor(bits / 0x100000000);
  step(chain, block);
  step(chain, checksum);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = chain[i >>> 2]! >>> (8 * (i & 3));
  return out;
}
