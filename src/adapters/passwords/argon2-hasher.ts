import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import type { PasswordHasher } from '../../domain/passwords.ts';

export interface Argon2Parameters {
  /** KiB of memory per hash. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/**
 * At most `slots` hashes at a time (one per core): each holds `memoryCost` KiB in a libuv thread, and more of them than cores adds
 * memory without throughput while the quick jobs of the same thread pool (token signing) wait behind them.
 */
function limited(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** One limit for the process, whichever hasher asks. */
const run = limited(availableParallelism());

/** argon2id; hashes carry their parameters, so raising them later still verifies old hashes. */
export function argon2Hasher(parameters: Argon2Parameters): PasswordHasher {
  return {
    hash: (password) => run(() => argon2.hash(password, { type: argon2.argon2id, ...parameters })),
    verify: (hash, password) => run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    }),
  };
}
