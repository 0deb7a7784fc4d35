import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadPkiFromFiles } from '../adapters/fs/pki-files.ts';
import { argon2Hasher } from '../adapters/passwords/argon2-hasher.ts';
import { DuplicateError } from '../domain/store.ts';
import { certificatePerson } from '../domain/users/certificate-person.ts';
import { createConfirmedUser } from '../domain/users/create-confirmed-user.ts';
import { PkiError } from '../pki/errors.ts';
import { pkiMessage } from '../pki/messages.ts';
import type { StoreCommand } from './command-context.ts';
import { parseOptions } from './command-options.ts';
import { UsageError } from './usage-error.ts';

const createSchema = z.object({
  email: z.email({ error: '--email E (an e-mail address) is required' }),
  password: z.string({ error: '--password P is required' }).min(8, 'at least 8 characters'),
  cert: z.string({ error: '--cert FILE.pem is required' }),
});

/** `kilt users create`: an account with a confirmed e-mail, named by its certificate (verified when trust is configured). */
export function usersCommand(args: string[]): StoreCommand {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') throw new UsageError(`unknown users command "${subcommand ?? ''}"`);
  const options = parseOptions(rest, { email: { type: 'string' }, password: { type: 'string' }, cert: { type: 'string' } }, createSchema);
  return async ({ store, config, print }) => {
    const certificate = await readFile(options.cert).catch((error: unknown) => {
      throw new UsageError(`cannot read the certificate ${options.cert}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const pki = await loadPkiFromFiles(config.pki, () => undefined);
    try {
      const person = await certificatePerson(new Uint8Array(certificate), pki?.verifier);
      const user = await createConfirmedUser({ users: store.users, passwords: argon2Hasher(config.argon2), clock: () => new Date() }, { ...options, person });
      print({
        ok: true,
        user: { id: user.id, email: user.email, iin: user.iin, surname: user.surname, givenName: user.givenName, patronymic: user.patronymic },
        certificateVerified: pki !== undefined,
      });
      return 0;
    } catch (error) {
      if (error instanceof DuplicateError) {
        print({ ok: false, code: `user.duplicate_${error.field}`, message: `an account with this ${error.field === 'iin' ? 'IIN' : 'e-mail'} exists` });
        return 1;
      }
      if (error instanceof PkiError) {
        print({ ok: false, code: error.code, message: pkiMessage(error.code, 'en', error.params), detail: error.detail });
        return 1;
      }
      throw error;
    } finally {
      pki?.close();
    }
  };
}
