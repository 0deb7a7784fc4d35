import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { ENV_NAMES } from '../../../src/config/schema.ts';

/** .env.example as `node --env-file` reads it: NAME=value lines, # comments. */
function envExample(): Record<string, string> {
  const text = readFileSync(resolve(import.meta.dirname, '../../../.env.example'), 'utf8');
  return Object.fromEntries(text.split('\n').filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const PRODUCTION = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db.internal:27017/kilt?replicaSet=rs0',
  KILT_ISSUER: 'https://id.kilt.kz',
  KILT_TRUST_DIR: '/etc/kilt/trust',
  KILT_PKI_MODE: 'production',
  KILT_PAIRWISE_SALT: 'a-production-salt-of-at-least-32-characters',
  SMTP_URL: 'smtps://kilt:secret@smtp.kilt.kz:465',
  MAIL_FROM: 'Kilt <no-reply@kilt.kz>',
};

describe('configuration', () => {
  it('runs with no configuration at all as a development instance', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      production: false, port: 3000, issuer: 'http://localhost:3000', trustProxy: false,
      store: { mongodbUri: undefined, embeddedMongo: true, dataDir: '.data' },
      pki: { mode: 'test', trustDir: undefined, crlFiles: [], revocation: 'off' },
      oidc: { acr: 'urn:kilt:acr:pwd-eds', resourceServers: [], ttl: { accessToken: 3600, refreshToken: 14 * 86_400 } },
      mail: { smtp: undefined, outboxDir: join('.data', 'outbox') },
    });
  });

  it('.env.example documents exactly the variables the schema reads, and loads as it stands', () => {
    expect(Object.keys(envExample()).sort()).toEqual([...ENV_NAMES].sort());
    expect(loadConfig(envExample())).toEqual(loadConfig({}));
  });

  it('derives the issuer from PORT and reads the fixed names', () => {
    const config = loadConfig({
      PORT: '8080', KILT_CRL_FILES: ' a.crl, b.crl ,', KILT_TRUST_DIR: '/trust', KILT_REVOCATION: 'ocsp,crl',
      KILT_PKI_MODE: 'production', KILT_SEED_FILE: 'seed.json', KILT_TRUST_PROXY: 'true',
    });
    expect(config).toMatchObject({
      issuer: 'http://localhost:8080', trustProxy: true, seedFile: 'seed.json',
      pki: { mode: 'production', trustDir: '/trust', crlFiles: ['a.crl', 'b.crl'], revocation: 'ocsp,crl' },
    });
  });

  it('lists every invalid setting at once', () => {
    expect(problemsOf({ PORT: 'eighty', KILT_REVOCATION: 'sometimes', KILT_ISSUER: 'ftp://x', KILT_CRL_FILES: 'a.crl' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^KILT_ISSUER: /),
      expect.stringMatching(/^KILT_REVOCATION: /),
    ]);
    expect(problemsOf({ KILT_CRL_FILES: 'a.crl' })).toEqual([expect.stringMatching(/^KILT_CRL_FILES: .*KILT_TRUST_DIR/)]);
    expect(problemsOf({ KILT_ISSUER: 'https://id.kilt.kz/oidc' })).toEqual([expect.stringMatching(/^KILT_ISSUER: .*without a path/)]);
  });

  it('production refuses to start without MongoDB, an https issuer, real trust anchors, production PKI mode and SMTP, naming each', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['MONGODB_URI', 'KILT_ISSUER', 'KILT_TRUST_DIR', 'KILT_PKI_MODE', 'KILT_PAIRWISE_SALT', 'SMTP_URL', 'MAIL_FROM']);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MONGODB_URI: required in production[\s\S]*KILT_ISSUER: required in production, an https:\/\/ URL/);
  });

  it('production names a plain-http issuer, test PKI mode and revocation off', () => {
    const problems = problemsOf({ ...PRODUCTION, KILT_ISSUER: 'http://id.kilt.kz', KILT_PKI_MODE: 'test', KILT_REVOCATION: 'off' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['KILT_ISSUER', 'KILT_PKI_MODE', 'KILT_REVOCATION']);
  });

  it('reads the mail settings: SMTP with SMTP_URL and MAIL_FROM, else the outbox under KILT_DATA_DIR', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.kz:587', MAIL_FROM: 'Kilt <no-reply@kilt.kz>', KILT_DATA_DIR: '/var/kilt' }).mail).toEqual({
      smtp: { url: 'smtp://user:pass@mail.example.kz:587', from: 'Kilt <no-reply@kilt.kz>' },
      outboxDir: join('/var/kilt', 'outbox'),
    });
    expect(loadConfig({ MAIL_FROM: 'no-reply@kilt.kz' }).mail.smtp).toBeUndefined();
  });

  it('names an SMTP_URL that is not smtp(s), a MAIL_FROM that is no address, and SMTP_URL without MAIL_FROM', () => {
    expect(problemsOf({ SMTP_URL: 'http://mail.example.kz', MAIL_FROM: 'Kilt' })).toEqual([
      expect.stringMatching(/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/),
      expect.stringMatching(/^MAIL_FROM: must be an address/),
    ]);
    expect(problemsOf({ SMTP_URL: 'smtp://mail.example.kz' })).toEqual([expect.stringMatching(/^MAIL_FROM: required with SMTP_URL/)]);
    // Named once, though both the schema and the production rules miss it.
    expect(problemsOf({ ...PRODUCTION, MAIL_FROM: '' })).toEqual([expect.stringMatching(/^MAIL_FROM: required with SMTP_URL/)]);
  });

  it('a complete production configuration loads, revocation checked by OCSP then CRL', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({ production: true, issuer: 'https://id.kilt.kz', pki: { revocation: 'ocsp,crl' } });
  });
});
