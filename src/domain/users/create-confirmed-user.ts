import type { PasswordHasher } from '../passwords.ts';
import { normalizeEmail } from './email.ts';
import type { UserRecord, UserRepository } from '../store.ts';
import type { CertificateIdentity } from '../../pki/identity.ts';

export interface ConfirmedUserInput {
  readonly email: string;
  readonly password: string;
  readonly person: CertificateIdentity & { readonly iin: string };
}

/**
 * An account an operator vouches for (`kilt users create`, the seed file): the e-mail counts as confirmed, the
 * names come from the certificate. Throws DuplicateError('email' | 'iin') like the repository.
 */
export async function createConfirmedUser(
  deps: { readonly users: UserRepository; readonly passwords: PasswordHasher; readonly clock: () => Date },
  input: ConfirmedUserInput,
): Promise<UserRecord> {
  const { person } = input;
  return deps.users.create({
    email: normalizeEmail(input.email),
    emailConfirmedAt: deps.clock(),
    passwordHash: await deps.passwords.hash(input.password),
    iin: person.iin,
    surname: person.surname ?? null,
    givenName: person.givenName ?? null,
    patronymic: person.patronymic ?? null,
    phone: null,
    locale: 'ru',
    lockedUntil: null,
    unconfirmedUntil: null,
  });
}
