import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import type { CommandContext } from '../../../src/cli/command-context.ts';
import { usersCommand } from '../../../src/cli/users-command.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { FAST_ARGON2 } from '../../support/kilt/start-test-kilt.ts';
import { testPki } from '../../support/kilt/accounts.ts';
import { temporaryDirectory, trustDirectoryOf, writeFile } from '../../support/kilt/files.ts';
import { createTestPki } from '../../support/pki/index.ts';

const run = promisify(execFile);
const KILT = resolve(import.meta.dirname, '../../../bin/kilt.mjs');

/** The CLI as an operator runs it, with an environment that has no MONGODB_URI. */
async function kilt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { MONGODB_URI: _ignored, ...env } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [KILT, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('store commands without MONGODB_URI', () => {
  it.each([
    ['clients', 'list'],
    ['clients', 'add', '--client-id', 'demo', '--redirect-uri', 'http://localhost:3000/cb', '--public'],
    ['keys', 'rotate'],
    ['agreement', 'show'],
  ])('kilt %s %s exits 2 and explains that the memory store lives inside the server', async (...args) => {
    const { code, stderr } = await kilt(...args);
    expect(code).toBe(2);
    expect(stderr).toContain('MONGODB_URI is not set');
    expect(stderr).toContain('memory store, which lives inside the server process');
    expect(stderr).toContain('KILT_SEED_FILE');
  });

  it('usage mistakes are reported first, also exit 2', async () => {
    const { code, stderr } = await kilt('clients', 'add', '--client-id', 'x');
    expect(code).toBe(2);
    expect(stderr).toContain('--redirect-uri');
  });
});

describe('kilt serve', () => {
  it('in production without the required settings exits 2 and names each of them', async () => {
    const { code, stderr } = await run(process.execPath, [KILT, 'serve'], { env: { PATH: process.env['PATH'], NODE_ENV: 'production' } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(code).toBe(2);
    for (const name of ['MONGODB_URI', 'KILT_ISSUER', 'KILT_TRUST_DIR', 'KILT_PKI_MODE', 'KILT_PAIRWISE_SALT']) expect(stderr).toContain(`${name}: `);
  });

  it('is listed in the help', async () => {
    const { stdout } = await kilt('help');
    for (const usage of ['kilt serve', 'kilt clients add --client-id ID --redirect-uri URI', 'kilt keys rotate', 'kilt agreement publish --ru FILE --kk FILE --en FILE', 'kilt agreement show', 'kilt users create --email E --password P --cert FILE.pem']) {
      expect(stdout).toContain(usage);
    }
  });
});

describe('kilt users create', () => {
  const printed: Record<string, unknown>[] = [];
  const directory = temporaryDirectory('users');
  let certificate: string;
  let context: CommandContext;

  beforeAll(async () => {
    const pki = await testPki();
    certificate = writeFile(directory, 'aidar.pem', pki.endEntities.individual.pem);
    context = { store: createMemoryStore(), config: loadConfig({ ...FAST_ARGON2, KILT_TRUST_DIR: trustDirectoryOf(pki) }), print: (result) => printed.push(result) };
  });

  it('creates an account with a confirmed e-mail, named by the verified certificate', async () => {
    expect(await usersCommand(['create', '--email', 'aidar@example.kz', '--password', 'correct horse battery', '--cert', certificate])(context)).toBe(0);
    expect(printed.at(-1)).toMatchObject({ ok: true, certificateVerified: true, user: { email: 'aidar@example.kz', surname: 'ИСКАКОВ', givenName: 'АЙДАР', patronymic: 'ЕРЛАНОВИЧ' } });
    expect((await context.store.users.findByEmail('aidar@example.kz'))!.emailConfirmedAt).toBeInstanceOf(Date);
  });

  it('refuses a second account with the same e-mail or IIN', async () => {
    expect(await usersCommand(['create', '--email', 'aidar@example.kz', '--password', 'correct horse battery', '--cert', certificate])(context)).toBe(1);
    expect(printed.at(-1)).toMatchObject({ ok: false, code: 'user.duplicate_email' });
    expect(await usersCommand(['create', '--email', 'other@example.kz', '--password', 'correct horse battery', '--cert', certificate])(context)).toBe(1);
    expect(printed.at(-1)).toMatchObject({ ok: false, code: 'user.duplicate_iin' });
  });

  it('refuses a certificate the trust store does not know', async () => {
    const stranger = writeFile(directory, 'stranger.pem', (await createTestPki({ algorithm: 'gost512' })).endEntities.individual.pem);
    expect(await usersCommand(['create', '--email', 'stranger@example.kz', '--password', 'correct horse battery', '--cert', stranger])(context)).toBe(1);
    expect(printed.at(-1)).toMatchObject({ ok: false, code: 'pki.chain_untrusted' });
  });
});
