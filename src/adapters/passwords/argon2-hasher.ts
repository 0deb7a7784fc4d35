import argon2 from 'argon2';
import type { PasswordHasher } from '../../domain/passwords.ts';

export interface Argon2Parameters {
  /** KiB of memory per hash. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/**
 * At most `slots` hashes handed to libuv at a time. libuv's queue is first come, first served, so hashes beyond these
 * wait here and the quick jobs of the same thread pool (token signing, file reads) never queue behind more than one.
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

/**
 * The size of libuv's thread pool, read as libuv reads it: 4 unless UV_THREADPOOL_SIZE says otherwise (bin/kilt.mjs
 * sets it to the number of cores), at least 1 and at most 1024.
 */
function threadPoolSize(): number {
  const requested = process.env['UV_THREADPOOL_SIZE'];
  if (requested === undefined) return 4;
  return Math.min(1024, Math.max(1, Number.parseInt(requested, 10) || 0));
}

/**
 * One limit for the process, whichever hasher asks: a hash per thread of the pool, and one more waiting in libuv's
 * queue, so that a thread that finishes a hash starts the next at once instead of idling until the event loop is free
 * to hand it over.
 */
const run = limited(threadPoolSize() + 1);

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
