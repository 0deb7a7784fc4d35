import argon2 from 'argon2';
import type { PasswordHasher } from '../../domain/passwords.ts';

export interface Argon2Parameters {
  /** KiB of memory per hash. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** argon2id; hashes carry their parameters, so raising them later still verifies old hashes. */
export function argon2Hasher(parameters: Argon2Parameters): PasswordHasher {
  return {
    hash: (password) => argon2.hash(password, { type: argon2.argon2id, ...parameters }),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
  };
}
