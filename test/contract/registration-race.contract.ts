import { describe, expect, it } from 'vitest';
import { KiltError } from '../../src/domain/kilt-error.ts';
import { acceptAgreement, sendConfirmation } from '../../src/domain/registration/agreement.ts';
import { confirmRegistration } from '../../src/domain/registration/confirm.ts';
import type { RegistrationRecord } from '../../src/domain/store.ts';
import { registrationDomain, secretOf } from '../support/kilt/registration-domain.ts';
import { type TestPki, createTestPki } from '../support/pki/index.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';

let shared: Promise<TestPki<'gost512'>> | undefined;
const testPki = () => (shared ??= createTestPki({ algorithm: 'gost512' }));

/** The codes of the refusals among settled calls, and the values of the successes. */
function outcome<T>(results: readonly PromiseSettledResult<T>[]) {
  const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const refused = results.flatMap((result) => {
    if (result.status === 'fulfilled') return [];
    if (!(result.reason instanceof KiltError)) throw result.reason;
    return [result.reason.code];
  });
  return { won, refused };
}

/**
 * The registration wizard's races, decided by the store (unique indexes, compare-and-set, single-use tokens): the
 * domain functions with a real verifier run concurrently against each implementation.
 */
export function registrationRaceContract(factory: StoreFactory): void {
  describe('registration races', () => {
    const fresh = freshStore(factory);

    async function setUp() {
      const pki = await testPki();
      await fresh.store.agreements.publish({ ru: 'Соглашение', kk: 'Келісім', en: 'Agreement' }, fresh.clock.now());
      const domain = registrationDomain(fresh.store, fresh.clock.now, pki);
      return { pki, domain, deps: domain.deps, now: fresh.clock.now };
    }

    it('makes one account of two registrations that race to the agreement with the same e-mail', async () => {
      const { pki, domain, deps, now } = await setUp();
      const keys = [pki.endEntities.individual, pki.endEntities.signingRight];
      const records: RegistrationRecord[] = [];
      for (const [index, key] of keys.entries()) records.push(await domain.contacts(await domain.start(key, `register:browser-${index}`), 'same@example.kz'));

      const results = await Promise.allSettled(records.map((record) => acceptAgreement(deps, record, undefined)));
      const { won, refused } = outcome(results);
      expect(won).toHaveLength(1);
      expect(refused).toEqual(['registration.email_taken']);
      const winner = results.findIndex((result) => result.status === 'fulfilled');
      const loser = 1 - winner;
      expect((await fresh.store.users.findByEmail('same@example.kz'))?.iin).toBe(keys[winner]!.person!.iin);
      expect(await fresh.store.users.findByIin(keys[loser]!.person!.iin)).toBeNull();
      expect(domain.letters.map((letter) => letter.to)).toEqual(['same@example.kz']);

      // The other is back at the contacts and goes on with another address.
      const back = await fresh.store.registrations.find(records[loser]!.id, now());
      expect(back).toMatchObject({ step: 'contacts', agreement: null, userId: null });
      const other = await acceptAgreement(deps, await domain.contacts(back!, 'other@example.kz'), undefined);
      expect(other.step).toBe('sent');
      expect((await confirmRegistration(deps, secretOf(domain.letters.at(-1)!), null)).user).toMatchObject({ email: 'other@example.kz', iin: keys[loser]!.person!.iin });
    });

    it('makes one account of two registrations of the same IIN that race to the agreement', async () => {
      const { pki, domain, deps, now } = await setUp();
      const key = pki.endEntities.individual;
      // Two browsers started before either finished: both records exist.
      const first = await domain.start(key, 'register:browser-1');
      const second = await domain.start(key, 'register:browser-2');
      const records = [await domain.contacts(first, 'first@example.kz'), await domain.contacts(second, 'second@example.kz')];

      const results = await Promise.allSettled(records.map((record) => acceptAgreement(deps, record, undefined)));
      const { won, refused } = outcome(results);
      expect(won).toHaveLength(1);
      expect(refused).toEqual(['registration.iin_taken']);
      const winner = results.findIndex((result) => result.status === 'fulfilled');
      const loser = 1 - winner;
      expect((await fresh.store.users.findByIin(key.person!.iin))?.email).toBe(records[winner]!.email);
      expect(await fresh.store.users.findByEmail(records[loser]!.email!)).toBeNull();
      expect(await fresh.store.registrations.find(records[loser]!.id, now())).toMatchObject({ step: 'contacts', userId: null });
      expect(domain.letters.map((letter) => letter.to)).toEqual([records[winner]!.email]);
    });

    it('lets exactly one of concurrent clicks on the same link confirm the account', async () => {
      const { pki, domain, deps } = await setUp();
      const { secret } = await domain.register(pki.endEntities.individual, 'aidar@example.kz');
      const { won, refused } = outcome(await Promise.allSettled(Array.from({ length: 4 }, () => confirmRegistration(deps, secret, null))));
      expect(won).toHaveLength(1);
      expect(refused).toEqual(['registration.link_invalid', 'registration.link_invalid', 'registration.link_invalid']);
      expect(await fresh.store.agreements.history(won[0]!.user.id)).toHaveLength(1);
      const audit = await fresh.store.audit.listByUser(won[0]!.user.id, 20);
      expect(audit.filter((event) => event.type === 'registration.confirmed')).toHaveLength(1);
    });

    it('lets exactly one of two letters of a registration confirm it when both links are followed at once', async () => {
      const { pki, domain, deps } = await setUp();
      const key = pki.endEntities.firstHead;
      const { registration, secret } = await domain.register(key, 'head@example.kz');
      await sendConfirmation(deps, registration);
      const secrets = [secret, secretOf(domain.letters.at(-1)!)];
      expect(new Set(secrets).size).toBe(2);

      const { won, refused } = outcome(await Promise.allSettled(secrets.map((each) => confirmRegistration(deps, each, null))));
      expect(won).toHaveLength(1);
      expect(refused).toEqual(['registration.link_invalid']);
      expect(won[0]!.organization).toEqual({ bin: key.organization!.bin, name: key.organization!.name });
      expect(await fresh.store.agreements.history(won[0]!.user.id)).toHaveLength(1);
      expect(await fresh.store.participants.find(key.organization!.bin, key.person!.iin)).toMatchObject({ role: 'head', status: 'registered' });
    });
  });
}
