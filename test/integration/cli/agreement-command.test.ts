import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { agreementCommand } from '../../../src/cli/agreement-command.ts';
import type { CommandContext } from '../../../src/cli/command-context.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { temporaryDirectory, writeFile } from '../../support/kilt/files.ts';

describe('kilt agreement publish|show', () => {
  const directory = temporaryDirectory('agreement');
  const ru = writeFile(directory, 'ru.txt', 'Соглашение о правах использования.\n\n1. Вход подписывается ключом ЭЦП.\n');
  const kk = writeFile(directory, 'kk.txt', 'Пайдалану құқықтары туралы келісім.\n');
  const en = writeFile(directory, 'en.txt', 'Terms of use agreement.\n');
  const files = ['--ru', ru, '--kk', kk, '--en', en];
  let printed: Record<string, unknown>[];
  let context: CommandContext;

  beforeEach(() => {
    printed = [];
    context = { store: createMemoryStore(), config: loadConfig({}), print: (result) => printed.push(result) };
  });

  it('publishes the three texts as version 1, then 2; show prints the latest and its date', async () => {
    expect(await agreementCommand(['publish', ...files])(context)).toBe(0);
    expect(printed.at(-1)).toMatchObject({ ok: true, agreement: { version: 1 } });
    expect(await agreementCommand(['publish', ...files])(context)).toBe(0);
    const latest = await context.store.agreements.latest();
    expect(latest).toMatchObject({
      version: 2,
      texts: { ru: 'Соглашение о правах использования.\n\n1. Вход подписывается ключом ЭЦП.', kk: 'Пайдалану құқықтары туралы келісім.', en: 'Terms of use agreement.' },
    });

    expect(await agreementCommand(['show'])(context)).toBe(0);
    expect(printed.at(-1)).toEqual({ ok: true, agreement: { version: 2, publishedAt: latest!.publishedAt.toISOString() } });
  });

  it('show says when nothing is published yet (exit 1)', async () => {
    expect(await agreementCommand(['show'])(context)).toBe(1);
    expect(printed.at(-1)).toMatchObject({ ok: false, code: 'agreement.none' });
  });

  it('requires all three languages before touching the store', () => {
    expect(() => agreementCommand(['publish', '--ru', ru, '--kk', kk])).toThrow(new UsageError('--en: --en FILE is required'));
    expect(() => agreementCommand(['publish', ...files, '--de', en])).toThrow(UsageError);
    expect(() => agreementCommand(['show', '--all'])).toThrow(UsageError);
    expect(() => agreementCommand(['withdraw'])).toThrow('unknown agreement command "withdraw"');
  });

  it.each([
    // «Соглашение» saved by a Windows editor in windows-1251.
    ['a file that is not UTF-8', 'cp1251.txt', Buffer.from([0xd1, 0xee, 0xe3, 0xeb, 0xe0, 0xf8, 0xe5, 0xed, 0xe8, 0xe5]), 'is not UTF-8'],
    ['an empty file', 'blank.txt', Buffer.from(' \n'), 'is empty'],
    ['a missing file', 'missing.txt', undefined, 'cannot read the kk text'],
  ])('refuses %s and publishes nothing', async (_case, name, content, message) => {
    const path = join(directory, name);
    if (content) writeFileSync(path, content);
    await expect(agreementCommand(['publish', '--ru', ru, '--kk', path, '--en', en])(context)).rejects.toThrow(message);
    expect(await context.store.agreements.latest()).toBeNull();
  });
});
