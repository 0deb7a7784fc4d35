import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AgreementVersion } from '../domain/store.ts';
import type { Locale } from '../pki/messages.ts';
import type { StoreCommand } from './command-context.ts';
import { parseOptions } from './command-options.ts';
import { UsageError } from './usage-error.ts';

const PUBLISH_OPTIONS = { ru: { type: 'string' }, kk: { type: 'string' }, en: { type: 'string' } } as const;

const publishSchema = z.object({
  ru: z.string({ error: '--ru FILE is required' }),
  kk: z.string({ error: '--kk FILE is required' }),
  en: z.string({ error: '--en FILE is required' }),
});

const describe = (agreement: AgreementVersion) => ({ version: agreement.version, publishedAt: agreement.publishedAt.toISOString() });

/** Refuses anything but UTF-8 (a text saved as windows-1251 would reach people as mojibake). */
async function readText(language: Locale, path: string): Promise<string> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new UsageError(`cannot read the ${language} text ${path}: ${error instanceof Error ? error.message : String(error)}`);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`the ${language} text ${path} is not UTF-8`);
  }
  // The screen keeps the text's line breaks, so an editor's final newline would show as an empty line.
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError(`the ${language} text ${path} is empty`);
  return trimmed;
}

function publish(args: string[]): StoreCommand {
  const files = parseOptions(args, PUBLISH_OPTIONS, publishSchema);
  return async ({ store, print }) => {
    const texts = { ru: await readText('ru', files.ru), kk: await readText('kk', files.kk), en: await readText('en', files.en) };
    const published = await store.agreements.publish(texts, new Date());
    print({ ok: true, agreement: describe(published), note: 'every person is asked to accept this version at their next sign-in' });
    return 0;
  };
}

/** `kilt agreement publish|show`: the versioned agreement of the sign-in screens. */
export function agreementCommand(args: string[]): StoreCommand {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'publish':
      return publish(rest);
    case 'show':
      parseOptions(rest, {}, z.object({}));
      return async ({ store, print }) => {
        const latest = await store.agreements.latest();
        print(latest ? { ok: true, agreement: describe(latest) } : { ok: false, code: 'agreement.none', message: 'no agreement has been published' });
        return latest ? 0 : 1;
      };
    default:
      throw new UsageError(`unknown agreement command "${subcommand ?? ''}"`);
  }
}
