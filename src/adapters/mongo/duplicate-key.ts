import { DuplicateError } from '../../domain/store.ts';

/**
 * The name of the unique index a duplicate-key error (E11000) hit, or undefined for any other error. The server's
 * message has named the index («… index: NAME dup key: …») in every version, with or without keyPattern.
 */
export function violatedIndex(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 11000) return undefined;
  return /index: (\S+) dup key/.exec(error.message)?.[1] ?? '';
}

/** Rethrows a duplicate-key error on one of `fields`' indexes as DuplicateError(field), any other error as it is. */
export function rethrowDuplicate(error: unknown, fields: Readonly<Record<string, string>>): never {
  const index = violatedIndex(error);
  const field = index === undefined ? undefined : fields[index];
  if (field !== undefined) throw new DuplicateError(field);
  throw error;
}
