import { describe, expect, it } from 'vitest';
import type { NewRegistration, RegistrationRecord } from '../../src/domain/store.ts';
import { concurrently, type Fresh, freshStore, type StoreFactory, uniqueNumber } from './store-under-test.ts';

function registration(fresh: Fresh, overrides: Partial<NewRegistration> = {}, lifetimeMs = 3_600_000): NewRegistration {
  return {
    step: 'contacts',
    kind: 'company_head',
    person: {
      iin: uniqueNumber(),
      surname: 'Сейткали',
      givenName: 'Айгерим',
      patronymic: null,
      bin: uniqueNumber(),
      organizationName: 'ТОО «Килт»',
      roles: ['head'],
      certificateSerial: '4f1c2a',
    },
    email: null,
    passwordHash: null,
    consentAt: null,
    phone: null,
    sms: null,
    agreement: null,
    userId: null,
    locale: 'kk',
    returnTo: 'interaction-uid',
    expiresAt: new Date(fresh.clock.now().getTime() + lifetimeMs),
    ...overrides,
  };
}

const later = (fresh: Fresh, milliseconds: number): Date => new Date(fresh.clock.now().getTime() + milliseconds);

export function registrationsContract(factory: StoreFactory): void {
  describe('registrations', () => {
    const fresh = freshStore(factory);

    it('creates a registration with an id, a revision and its creation time, and finds it by id', async () => {
      const input = registration(fresh);
      const created = await fresh.store.registrations.create(input);
      expect(created).toEqual({ ...input, id: expect.any(String), revision: expect.any(Number), createdAt: fresh.clock.now() });
      expect(await fresh.store.registrations.find(created.id, fresh.clock.now())).toEqual(created);
      expect((await fresh.store.registrations.create(registration(fresh))).id).not.toBe(created.id);
      expect(await fresh.store.registrations.find('no-such-registration', fresh.clock.now())).toBeNull();
    });

    it('is gone from the instant it expires', async () => {
      const created = await fresh.store.registrations.create(registration(fresh, { userId: 'user-1' }, 1_000));
      expect(await fresh.store.registrations.find(created.id, later(fresh, 999))).toEqual(created);
      expect(await fresh.store.registrations.find(created.id, later(fresh, 1_000))).toBeNull();
      expect(await fresh.store.registrations.findByUserId('user-1', later(fresh, 1_000))).toBeNull();
      fresh.clock.advance(1_000);
      expect(await fresh.store.registrations.find(created.id, fresh.clock.now())).toBeNull();
      expect(await fresh.store.registrations.update(created.id, created.revision, { step: 'phone' })).toBeNull();
    });

    it('finds a registration by its account', async () => {
      await fresh.store.registrations.create(registration(fresh));
      const created = await fresh.store.registrations.create(registration(fresh, { step: 'sent', userId: 'user-1' }));
      expect(await fresh.store.registrations.findByUserId('user-1', fresh.clock.now())).toEqual(created);
      expect(await fresh.store.registrations.findByUserId('user-2', fresh.clock.now())).toBeNull();
    });

    it('updates from the current revision only, and counts the revision up', async () => {
      const created = await fresh.store.registrations.create(registration(fresh));
      const sms = { phone: '+77010000000', codeHash: 'c0ffee', sentAt: fresh.clock.now(), expiresAt: later(fresh, 300_000), attempts: 0 };
      const updated = await fresh.store.registrations.update(created.id, created.revision, { step: 'phone', email: 'a@example.kz', sms, passwordHash: undefined });
      expect(updated).toEqual({ ...created, step: 'phone', email: 'a@example.kz', sms, revision: created.revision + 1 });
      expect(await fresh.store.registrations.update(created.id, created.revision, { step: 'agreement' })).toBeNull();
      expect(await fresh.store.registrations.find(created.id, fresh.clock.now())).toEqual(updated);

      const agreement = { version: 2, method: 'signature' as const, acceptedAt: fresh.clock.now(), evidence: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx' };
      const next = await fresh.store.registrations.update(created.id, created.revision + 1, { sms: null, agreement, phone: sms.phone });
      expect(next).toEqual({ ...created, step: 'phone', email: 'a@example.kz', sms: null, agreement, phone: sms.phone, revision: created.revision + 2 });
      expect(await fresh.store.registrations.update('no-such-registration', 0, { step: 'phone' })).toBeNull();
    });

    it('lets exactly one of concurrent updates from the same revision win', async () => {
      const created = await fresh.store.registrations.create(registration(fresh));
      const results = await concurrently(10, (index) => fresh.store.registrations.update(created.id, created.revision, { email: `${index}@example.kz` }));
      const winners = results.filter((result) => result !== null);
      expect(winners).toHaveLength(1);
      expect(await fresh.store.registrations.find(created.id, fresh.clock.now())).toEqual(winners[0]);
      expect(winners[0]?.revision).toBe(created.revision + 1);
    });

    it('keeps a registration whose expiry an update moves later', async () => {
      const created = await fresh.store.registrations.create(registration(fresh, {}, 1_000));
      await fresh.store.registrations.update(created.id, created.revision, { expiresAt: later(fresh, 5_000) });
      fresh.clock.advance(1_000);
      expect(await fresh.store.registrations.find(created.id, fresh.clock.now())).toMatchObject({ id: created.id, expiresAt: later(fresh, 4_000) });
    });

    it('never changes the id, kind, person, creation time or revision through a patch', async () => {
      const created = await fresh.store.registrations.create(registration(fresh));
      const smuggled = {
        id: 'forged',
        kind: 'employee',
        person: { ...created.person, iin: '111111111111' },
        createdAt: new Date(0),
        revision: 99,
        step: 'phone',
      } as unknown as { step: 'phone' };
      const updated = await fresh.store.registrations.update(created.id, created.revision, smuggled);
      expect(updated).toEqual({ ...created, step: 'phone', revision: created.revision + 1 });
      expect(await fresh.store.registrations.find('forged', fresh.clock.now())).toBeNull();
    });

    it('keeps its own copies: changing what went in or came out changes nothing stored', async () => {
      const input = registration(fresh, { consentAt: new Date('2026-01-01T00:00:00Z') });
      const created = await fresh.store.registrations.create(input);
      (input.person.roles as string[]).push('injected');
      input.consentAt?.setTime(0);
      (created.person.roles as string[]).push('injected');
      created.createdAt.setTime(0);
      const sms = { phone: '+77010000000', codeHash: 'c0ffee', sentAt: new Date('2026-01-01T00:00:00Z'), expiresAt: later(fresh, 300_000), attempts: 0 };
      const updated = (await fresh.store.registrations.update(created.id, created.revision, { sms })) as RegistrationRecord;
      sms.sentAt.setTime(0);
      updated.sms?.expiresAt.setTime(0);
      const found = await fresh.store.registrations.find(created.id, fresh.clock.now());
      expect(found).toMatchObject({ person: { roles: ['head'] }, consentAt: new Date('2026-01-01T00:00:00Z'), createdAt: fresh.clock.now() });
      expect(found?.sms).toEqual({ ...sms, sentAt: new Date('2026-01-01T00:00:00Z'), expiresAt: later(fresh, 300_000) });
    });

    it('removes a registration', async () => {
      const created = await fresh.store.registrations.create(registration(fresh, { userId: 'user-1' }));
      await fresh.store.registrations.remove(created.id);
      expect(await fresh.store.registrations.find(created.id, fresh.clock.now())).toBeNull();
      expect(await fresh.store.registrations.findByUserId('user-1', fresh.clock.now())).toBeNull();
      await expect(fresh.store.registrations.remove(created.id)).resolves.toBeUndefined();
    });
  });
}
