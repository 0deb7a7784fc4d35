import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSample, samplePath, samplesPresent } from '../support/samples.ts';

const run = promisify(execFile);
const KILT = resolve(import.meta.dirname, '../../bin/kilt.mjs');

interface CliResult {
  code: number;
  json: Record<string, unknown> | undefined;
  stderr: string;
}

async function kilt(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [KILT, ...args]);
    return { code: 0, json: JSON.parse(stdout) as Record<string, unknown>, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, json: failed.stdout ? (JSON.parse(failed.stdout) as Record<string, unknown>) : undefined, stderr: failed.stderr };
  }
}

describe('kilt help', () => {
  it('prints the usage and exits 0', async () => {
    const { stdout } = await run(process.execPath, [KILT]);
    expect(stdout).toContain('kilt pki verify --cms FILE');
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await kilt('frobnicate')).code).toBe(2);
    expect((await kilt('pki', 'verify', '--cms', 'x', '--trust', 'y', '--bogus')).code).toBe(2);
  });
});

describe.skipIf(!samplesPresent)('kilt pki on the NCA TEST samples', () => {
  let trust: string;
  let work: string;
  const crl = samplePath('ncanode-go-kz/nca_gost2022_test.crl');
  const rsaCms = samplePath('ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.cms.der');

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'kilt-cli-'));
    trust = mkdtempSync(join(work, 'trust-'));
    for (const file of ['ncanode-go-kz/root_test_gost_2022.cer', 'ncanode-go-kz/nca_gost2022_test.cer', 'gokalkan/root_rsa_test_0a986397.crt', 'ncanode/NCA_2004_RSA_CERT.pem']) {
      copyFileSync(samplePath(file), join(trust, file.split('/')[1]!));
    }
  });

  it('verify-cert: a valid GOST key, revocation by CRL', async () => {
    const result = await kilt('pki', 'verify-cert', '--cert', samplePath('ncanode-go-kz/legal_valid_head.certs.pem'), '--trust', trust, '--crl', crl, '--purpose', 'auth', '--at', '2026-11-01T00:00:00Z');
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({
      ok: true,
      signer: { iin: '123456789011', bin: '123456789021', roles: ['first_head'], subjectType: 'legal_entity', revocation: { status: 'good', source: 'crl' } },
    });
  });

  it('verify-cert: a key on hold is revoked (exit 1, localized message)', async () => {
    const args = ['pki', 'verify-cert', '--cert', samplePath('ncanode-go-kz/individual_revoked_individual_revoked.certs.pem'), '--trust', trust, '--crl', crl, '--at', '2026-11-01T00:00:00Z'];
    const ru = await kilt(...args);
    expect(ru.code).toBe(1);
    expect(ru.json).toMatchObject({ ok: false, code: 'pki.cert_revoked' });
    expect(ru.json!.message).toContain('Ключ ЭЦП отозван (08.05.2026)');
    const en = await kilt(...args, '--lang', 'en');
    expect(en.json!.message).toContain('has been revoked (08.05.2026)');
  });

  it('verify: Kalkan RSA CMS, its challenge, and a wrong challenge', async () => {
    const ok = await kilt('pki', 'verify', '--cms', rsaCms, '--trust', trust, '--purpose', 'auth', '--challenge-b64', Buffer.from('asdasd').toString('base64'), '--at', '2020-06-01T00:00:00Z');
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ ok: true, signer: { iin: '123456789011', algorithm: 'RSA', content: Buffer.from('asdasd').toString('base64'), revocation: { status: 'not_checked' } } });
    const wrong = await kilt('pki', 'verify', '--cms', rsaCms, '--trust', trust, '--challenge-b64', Buffer.from('asdasf').toString('base64'), '--at', '2020-06-01T00:00:00Z');
    expect(wrong).toMatchObject({ code: 1, json: { ok: false, code: 'pki.content_mismatch' } });
  });

  it('verify: accepts the PEM armour NCALayer returns and bare base64', async () => {
    const base64 = Buffer.from(readSample('ncanode-go/personal_active_AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.cms.der')).toString('base64');
    const pem = join(work, 'cms.pem');
    writeFileSync(pem, `-----BEGIN CMS-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CMS-----\n`);
    const bare = join(work, 'cms.b64');
    writeFileSync(bare, base64);
    for (const file of [pem, bare]) {
      expect((await kilt('pki', 'verify', '--cms', file, '--trust', trust, '--at', '2020-06-01T00:00:00Z')).code).toBe(0);
    }
  });

  it('verify: malformed input is pki.malformed, not a crash', async () => {
    const junk = join(work, 'junk.der');
    writeFileSync(junk, Uint8Array.of(0x30, 0x82, 0xff, 0xff, 0x01));
    expect(await kilt('pki', 'verify', '--cms', junk, '--trust', trust)).toMatchObject({ code: 1, json: { code: 'pki.malformed' } });
  });

  it('usage errors exit 2: missing --trust, a bad mode, a bad date, an unreadable file', async () => {
    expect((await kilt('pki', 'verify', '--cms', rsaCms)).code).toBe(2);
    expect((await kilt('pki', 'verify', '--cms', rsaCms, '--trust', trust, '--revocation', 'maybe')).code).toBe(2);
    expect((await kilt('pki', 'verify', '--cms', rsaCms, '--trust', trust, '--at', 'yesterday')).code).toBe(2);
    expect((await kilt('pki', 'verify', '--cms', join(work, 'absent'), '--trust', trust)).code).toBe(2);
  });
});
