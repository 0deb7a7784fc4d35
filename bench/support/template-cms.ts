// The benchmark client's NCALayer: a CMS per challenge at the cost of one signature, whose nonce is made before the run
// (prepareGostNonces). signCms (asn1js underneath) builds one CMS per key; each challenge then changes only the
// content, its digest in the signed attributes and the signature, written into a copy. The client shares the two cores
// with Kilt, so its CPU would otherwise count against the sign-in figure it is there to measure.
import { parseSignedData } from '../../src/pki/cms.ts';
import { type GostNonce, gostNonce } from '../../src/pki/gost/gost3410.ts';
import { type TestEndEntity, signCms } from '../../test/support/pki/index.ts';
import { type GostAlgorithm, digest, gostCurveOf, signData } from '../../test/support/pki/signer.ts';

const nonces = new Map<GostAlgorithm, GostNonce[]>();

/**
 * Makes `count` GOST nonces now, before the run: a nonce (k and x(k·G)) is the costly half of a signature, so the run's
 * signatures then cost a few multiplications each. Each is used once; when they run out, signing makes its own.
 */
export function prepareGostNonces(algorithm: GostAlgorithm, count: number): void {
  const curve = gostCurveOf(algorithm);
  nonces.set(algorithm, [...(nonces.get(algorithm) ?? []), ...Array.from({ length: count }, () => gostNonce(curve))]);
}

function offsetOf(haystack: Uint8Array, needle: Uint8Array): number {
  const at = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength));
  if (at < 0) throw new Error('the template CMS lacks an expected part');
  return at;
}

/** Signs challenges of `length` bytes as attached CMS, byte for byte what signCms would give (but the signing time). */
export function templateCmsSigner(key: TestEndEntity, length: number): (challenge: Uint8Array) => Uint8Array {
  const { algorithm } = key.signer;
  const blank = new Uint8Array(length);
  const template = signCms(blank, key);
  const signer = parseSignedData(template).signers[0]!;
  const attributes = signer.signedAttributesDer!;
  const implicitAttributes = Uint8Array.from(attributes);
  implicitAttributes[0] = 0xa0;
  const attributesAt = offsetOf(template, implicitAttributes);
  const digestAt = offsetOf(attributes, digest(algorithm, blank));
  const signatureAt = offsetOf(template, signer.signature);
  const contentAt = offsetOf(template, Uint8Array.of(0x04, length, ...blank)) + 2;
  return (challenge) => {
    if (challenge.length !== length) throw new RangeError(`a challenge of ${length} bytes expected`);
    const signed = Uint8Array.from(attributes);
    signed.set(digest(algorithm, challenge), digestAt);
    const signature = signData(key.signer, signed, algorithm === 'rsa' ? undefined : nonces.get(algorithm)?.pop());
    if (signature.length !== signer.signature.length) throw new Error('the signature changed length');
    const cms = Uint8Array.from(template);
    cms.set(challenge, contentAt);
    cms.set(signed.subarray(1), attributesAt + 1);
    cms.set(signature, signatureAt);
    return cms;
  };
}
