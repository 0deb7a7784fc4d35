// Accounts for the integration tests, named by certificates of the test PKI (GOST R 34.10-2015, as NCA issues now).
import { argon2Hasher } from '../../../src/adapters/passwords/argon2-hasher.ts';
import type { Store, UserRecord } from '../../../src/domain/store.ts';
import { certificatePerson } from '../../../src/domain/users/certificate-person.ts';
import { createConfirmedUser } from '../../../src/domain/users/create-confirmed-user.ts';
import { type TestEndEntity, type TestPki, createTestPki } from '../pki/index.ts';

export const fastPasswords = argon2Hasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 });

let shared: Promise<TestPki<'gost512'>> | undefined;

/** One test PKI per test file is enough: certificates only name people here. */
export function testPki(): Promise<TestPki<'gost512'>> {
  shared ??= createTestPki({ algorithm: 'gost512' });
  return shared;
}

export async function createAccount(store: Store, email: string, certificate: TestEndEntity, password = 'correct horse battery'): Promise<UserRecord> {
  const person = await certificatePerson(new TextEncoder().encode(certificate.pem), undefined);
  return createConfirmedUser({ users: store.users, passwords: fastPasswords, clock: () => new Date() }, { email, password, person });
}
