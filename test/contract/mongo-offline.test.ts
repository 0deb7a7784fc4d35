import { describe, expect, it } from 'vitest';
import { rethrowDuplicate, violatedIndex } from '../../src/adapters/mongo/duplicate-key.ts';
import { connectMongoStore } from '../../src/adapters/mongo/index.ts';
import { DuplicateError } from '../../src/domain/store.ts';

/** What the MongoDB store does that needs no server, so that it is checked even where no mongod can run. */
function serverError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('mongodb store without a server', () => {
  it('maps a duplicate key on a known unique index to the DuplicateError of its field', () => {
    const error = serverError(11000, 'E11000 duplicate key error collection: kilt.users index: users_email_unique dup key: { email: "a@b.kz" }');
    expect(violatedIndex(error)).toBe('users_email_unique');
    expect(() => rethrowDuplicate(error, { users_email_unique: 'email' })).toThrow(new DuplicateError('email'));
  });

  it('rethrows other errors, and duplicates on other indexes, unchanged', () => {
    const other = serverError(11000, 'E11000 duplicate key error collection: kilt.users index: _id_ dup key: { _id: 1 }');
    expect(() => rethrowDuplicate(other, { users_email_unique: 'email' })).toThrow(other);
    const timeout = serverError(50, 'operation exceeded time limit');
    expect(violatedIndex(timeout)).toBeUndefined();
    expect(() => rethrowDuplicate(timeout, { users_email_unique: 'email' })).toThrow(timeout);
    expect(violatedIndex('not an error')).toBeUndefined();
  });

  it('fails to connect within the server selection timeout when nothing listens', async () => {
    const started = Date.now();
    await expect(connectMongoStore('mongodb://127.0.0.1:9/kilt', { serverSelectionTimeoutMS: 300 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
