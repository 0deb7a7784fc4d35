// The real NCA TEST keys from kz-pki-samples (PKCS#12, pbeWithSHA1And3-KeyTripleDES-CBC keys, RC2-40 certificates,
// which node-forge decrypts and OpenSSL 3 only with -legacy), turned into identities signCms can sign with.
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import type { SigningIdentity } from './certificate.ts';
import { decode, toHex, toPem } from './der.ts';
import { OID } from './oids.ts';
import { type Signer, gostSigner, publicKeyBits, rsaSigner } from './signer.ts';

export interface SampleKeyStore extends SigningIdentity {
  readonly pem: string;
  readonly serialHex: string;
}

const bytes = (binary: string) => new Uint8Array(Buffer.from(binary, 'binary'));

/** PKCS#8 with 1.2.398.3.10.1.1.2.2 and privateKey = OCTET STRING(OCTET STRING(d, 64 bytes little-endian)). */
function gostPrivateKey(privateKeyInfo: Uint8Array): Uint8Array {
  const info = decode(privateKeyInfo);
  const [, algorithm, privateKey] = info instanceof asn1js.Sequence ? info.valueBlock.value : [];
  const algorithmId = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : undefined;
  const algorithmOid = algorithmId instanceof asn1js.ObjectIdentifier ? algorithmId.getValue() : '?';
  // Legacy GOST 34.310-2004 keys (1.2.398.3.10.1.1.1.1) are expired everywhere and not needed for signing.
  if (algorithmOid !== OID.gost512PublicKey) throw new TypeError(`unsupported key algorithm ${algorithmOid}`);
  if (!(privateKey instanceof asn1js.OctetString)) throw new TypeError('malformed PKCS#8');
  const inner = decode(privateKey.valueBlock.valueHexView);
  const d = inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : undefined;
  if (d?.length !== 64) throw new TypeError('malformed GOST private key');
  return Uint8Array.from(d);
}

function signerOf(bag: forge.pkcs12.Bag): Signer {
  if (bag.key) {
    const pkcs8 = forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))).getBytes();
    return rsaSigner(createPrivateKey({ key: Buffer.from(pkcs8, 'binary'), format: 'der', type: 'pkcs8' }));
  }
  // forge leaves keys it cannot read (GOST) as the decrypted PrivateKeyInfo.
  return gostSigner('gost512', gostPrivateKey(bytes(forge.asn1.toDer(bag.asn1).getBytes())));
}

/** forge keeps the parsed TBSCertificate, so re-encoding gives back the original bytes (the tests compare them). */
function certificateOf(bag: forge.pkcs12.Bag): Uint8Array {
  const certificate = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  return bytes(forge.asn1.toDer(certificate).getBytes());
}

function matches(certificate: Uint8Array, signer: Signer): boolean {
  const certified = pkijs.Certificate.fromBER(certificate).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return toHex(certified) === toHex(publicKeyBits(signer.publicKeyInfo));
}

export async function loadSampleKeyStore(p12Path: string, password: string): Promise<SampleKeyStore> {
  const file = Buffer.from(await readFile(p12Path)).toString('binary');
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file), password);
  const keyBags = p12.getBags({ bagType: OID.pkcs8ShroudedKeyBag })[OID.pkcs8ShroudedKeyBag] ?? [];
  const certBags = p12.getBags({ bagType: OID.certBag })[OID.certBag] ?? [];
  const [keyBag] = keyBags;
  if (!keyBag || keyBags.length > 1) throw new TypeError(`${p12Path}: expected exactly one private key`);
  const signer = signerOf(keyBag);
  const der = certBags.map(certificateOf).find((certificate) => matches(certificate, signer));
  if (!der) throw new TypeError(`${p12Path}: no certificate for the private key`);
  const serial = pkijs.Certificate.fromBER(der).serialNumber.valueBlock.valueHexView;
  return { der, pem: toPem('CERTIFICATE', der), serialHex: toHex(serial).replace(/^(00)+(?=.)/, ''), signer };
}
