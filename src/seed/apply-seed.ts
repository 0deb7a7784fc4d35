import { normalizeEmail } from '../domain/users/email.ts';
import type { PasswordHasher } from '../domain/passwords.ts';
import type { Store } from '../domain/store.ts';
import { certificatePerson } from '../domain/users/certificate-person.ts';
import { createConfirmedUser } from '../domain/users/create-confirmed-user.ts';
import type { PkiVerifier } from '../pki/verifier.ts';
import { clientRecord } from '../provider/client-registration.ts';
import { type Seed, SeedError } from './seed-file.ts';

export interface SeedDependencies {
  readonly store: Pick<Store, 'clients' | 'users'>;
  readonly passwords: PasswordHasher;
  readonly verifier: PkiVerifier | undefined;
  readonly clock: () => Date;
}

export interface SeedOutcome {
  readonly clients: number;
  readonly usersCreated: number;
  readonly usersKept: number;
}

/**
 * Idempotent: clients are written as the file describes them; a user whose e-mail exists is left as it is (its
 * password may have been changed since), so applying the same file at every start changes nothing.
 */
export async function applySeed(seed: Seed, deps: SeedDependencies): Promise<SeedOutcome> {
  for (const client of seed.clients) await deps.store.clients.upsert(clientRecord(client));
  let usersCreated = 0;
  for (const [index, user] of seed.users.entries()) {
    if (await deps.store.users.findByEmail(normalizeEmail(user.email))) continue;
    try {
      const person = await certificatePerson(new TextEncoder().encode(user.certificate), deps.verifier);
      await createConfirmedUser({ users: deps.store.users, passwords: deps.passwords, clock: deps.clock }, { ...user, person });
      usersCreated++;
    } catch (error) {
      throw new SeedError(`users.${index} (${user.email}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { clients: seed.clients.length, usersCreated, usersKept: seed.users.length - usersCreated };
}
