import { describe, expect, it } from 'vitest';
import type { NewUser, PendingSmsCode, PersonalData, PostalAddress, UserRecord } from '../../src/domain/store.ts';
import { concurrently, duplicateField, type Fresh, freshStore, newUser, type StoreFactory } from './store-under-test.ts';

/** A registration's account, waiting for its e-mail link for `lifetimeMs` from the suite's now. */
function unconfirmedUser(fresh: Fresh, lifetimeMs = 86_400_000, overrides: Partial<NewUser> = {}): NewUser {
  return newUser({ unconfirmedUntil: new Date(fresh.clock.now().getTime() + lifetimeMs), ...overrides });
}

const ADDRESS: PostalAddress = {
  region: 'almaty-city', locality: 'Алматы', street: 'пр. Абая', house: '10', apartment: null, postalCode: '050000', country: 'KZ',
};
const PERSONAL_DATA: PersonalData = {
  latinSurname: 'SEITKALI', latinGivenName: 'AIGERIM', documentKind: 'id_card', documentNumber: '045678912', documentIssuedOn: '2019-04-12',
};

function pendingCode(fresh: Fresh, codeHash: string, attempts = 0): PendingSmsCode {
  const sentAt = fresh.clock.now();
  return { phone: '+77011234567', codeHash, sentAt, expiresAt: new Date(sentAt.getTime() + 300_000), attempts };
}

export function usersContract(factory: StoreFactory): void {
  describe('users', () => {
    const fresh = freshStore(factory);

    it('creates a user with an id and timestamps, and finds it by id, e-mail and IIN', async () => {
      const input = newUser({ email: '  Aigerim.S@Example.KZ ' });
      const created = await fresh.store.users.create(input);
      expect(created).toMatchObject({ ...input, email: 'aigerim.s@example.kz' });
      expect(created.id).toEqual(expect.any(String));
      expect(created.createdAt).toEqual(fresh.clock.now());
      expect(created.updatedAt).toEqual(fresh.clock.now());
      expect(await fresh.store.users.findById(created.id)).toEqual(created);
      expect(await fresh.store.users.findByEmail('AIGERIM.s@example.kz')).toEqual(created);
      expect(await fresh.store.users.findByEmail(' aigerim.s@example.kz')).toEqual(created);
      expect(await fresh.store.users.findByIin(input.iin)).toEqual(created);
    });

    it('answers null for users that do not exist, whatever the shape of the id', async () => {
      await fresh.store.users.create(newUser());
      expect(await fresh.store.users.findById('no-such-id')).toBeNull();
      expect(await fresh.store.users.findById('0123456789abcdef01234567')).toBeNull();
      expect(await fresh.store.users.findByEmail('nobody@example.kz')).toBeNull();
      expect(await fresh.store.users.findByIin('000000000000')).toBeNull();
      expect(await fresh.store.users.update('no-such-id', { phone: '+77010000000' })).toBeNull();
    });

    it('refuses a second user with the same e-mail in any letter case', async () => {
      await fresh.store.users.create(newUser({ email: 'dana@example.kz' }));
      expect(await duplicateField(fresh.store.users.create(newUser({ email: 'Dana@EXAMPLE.kz' })))).toBe('email');
    });

    it('refuses a second user with the same IIN', async () => {
      const first = await fresh.store.users.create(newUser());
      expect(await duplicateField(fresh.store.users.create(newUser({ iin: first.iin })))).toBe('iin');
    });

    it('updates the given fields only, keeps the creation time and moves updatedAt', async () => {
      const created = await fresh.store.users.create(newUser({ phone: '+77010000001' }));
      fresh.clock.advance(5_000);
      const confirmedAt = new Date('2026-03-01T10:00:00Z');
      const updated = await fresh.store.users.update(created.id, { emailConfirmedAt: confirmedAt, surname: null, phone: undefined });
      expect(updated).toEqual({ ...created, emailConfirmedAt: confirmedAt, surname: null, updatedAt: fresh.clock.now() });
      expect(await fresh.store.users.findById(created.id)).toEqual(updated);
    });

    it('changes the e-mail, normalized, and frees the old one', async () => {
      const created = await fresh.store.users.create(newUser({ email: 'old@example.kz' }));
      const updated = await fresh.store.users.update(created.id, { email: ' New@Example.kz' });
      expect(updated?.email).toBe('new@example.kz');
      expect(await fresh.store.users.findByEmail('old@example.kz')).toBeNull();
      expect((await fresh.store.users.findByEmail('new@example.kz'))?.id).toBe(created.id);
      await fresh.store.users.create(newUser({ email: 'old@example.kz' }));
    });

    it("refuses an e-mail change to another user's e-mail, and allows re-saving one's own", async () => {
      await fresh.store.users.create(newUser({ email: 'taken@example.kz' }));
      const other = await fresh.store.users.create(newUser({ email: 'other@example.kz' }));
      expect(await duplicateField(fresh.store.users.update(other.id, { email: 'TAKEN@example.kz' }))).toBe('email');
      expect((await fresh.store.users.findById(other.id))?.email).toBe('other@example.kz');
      expect((await fresh.store.users.update(other.id, { email: 'Other@example.kz' }))?.email).toBe('other@example.kz');
    });

    it('never changes the id, IIN or creation time through update', async () => {
      const created = await fresh.store.users.create(newUser());
      const smuggled = { iin: '111111111111', id: 'forged', createdAt: new Date(0), givenName: 'Ерлан' } as unknown as { givenName: string };
      const updated = await fresh.store.users.update(created.id, smuggled);
      expect(updated).toMatchObject({ id: created.id, iin: created.iin, createdAt: created.createdAt, givenName: 'Ерлан' });
      expect(await fresh.store.users.findByIin('111111111111')).toBeNull();
    });

    it('keeps its own copies: changing what went in or came out changes nothing stored', async () => {
      const input = { ...newUser(), lockedUntil: new Date('2026-01-01T00:00:00Z') };
      const created = await fresh.store.users.create(input);
      input.lockedUntil.setTime(0);
      expect(created.lockedUntil).toEqual(new Date('2026-01-01T00:00:00Z'));
      (created as { givenName: string | null }).givenName = 'changed';
      created.createdAt.setTime(0);
      const found = (await fresh.store.users.findById(created.id)) as UserRecord;
      expect(found.givenName).toBe('Айгерим');
      expect(found.lockedUntil).toEqual(new Date('2026-01-01T00:00:00Z'));
      expect(found.createdAt).toEqual(fresh.clock.now());
      found.lockedUntil?.setTime(0);
      expect((await fresh.store.users.findByIin(created.iin))?.lockedUntil).toEqual(new Date('2026-01-01T00:00:00Z'));
    });

    it('finds an unconfirmed user until its instant, and from that instant on no more', async () => {
      const created = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      expect(created.unconfirmedUntil).toEqual(new Date(fresh.clock.now().getTime() + 1_000));
      fresh.clock.advance(999);
      expect(await fresh.store.users.findById(created.id)).toEqual(created);
      fresh.clock.advance(1);
      expect(await fresh.store.users.findById(created.id)).toBeNull();
      expect(await fresh.store.users.findByEmail(created.email)).toBeNull();
      expect(await fresh.store.users.findByIin(created.iin)).toBeNull();
    });

    it('holds the e-mail and IIN of an unconfirmed user until its instant, then gives them to a new user', async () => {
      const first = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      const second = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      expect(await duplicateField(fresh.store.users.create(newUser({ email: first.email })))).toBe('email');
      expect(await duplicateField(fresh.store.users.create(newUser({ iin: second.iin })))).toBe('iin');
      fresh.clock.advance(1_000);
      const taker = await fresh.store.users.create(newUser({ email: first.email, iin: second.iin }));
      expect(await fresh.store.users.findByEmail(first.email)).toEqual(taker);
      expect(await fresh.store.users.findByIin(second.iin)).toEqual(taker);
    });

    it('lets an update take the e-mail of an expired unconfirmed user', async () => {
      const expired = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      const other = await fresh.store.users.create(newUser());
      fresh.clock.advance(1_000);
      expect((await fresh.store.users.update(other.id, { email: expired.email }))?.email).toBe(expired.email);
    });

    it('does not update an expired unconfirmed user, and never changes unconfirmedUntil through update', async () => {
      const created = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      const smuggled = { unconfirmedUntil: null, phone: '+77010000002' } as unknown as { phone: string };
      expect(await fresh.store.users.update(created.id, smuggled)).toMatchObject({ unconfirmedUntil: created.unconfirmedUntil, phone: '+77010000002' });
      fresh.clock.advance(1_000);
      expect(await fresh.store.users.update(created.id, { phone: '+77010000003' })).toBeNull();
    });

    it('confirms an unconfirmed user once: the e-mail counts as confirmed and the account no longer expires', async () => {
      const created = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      fresh.clock.advance(999);
      const at = fresh.clock.now();
      const confirmed = await fresh.store.users.confirm(created.id, at);
      expect(confirmed).toEqual({ ...created, emailConfirmedAt: at, unconfirmedUntil: null, updatedAt: at });
      expect(await fresh.store.users.confirm(created.id, at)).toBeNull();
      fresh.clock.advance(86_400_000);
      expect(await fresh.store.users.findById(created.id)).toEqual(confirmed);
    });

    it('confirms no user that expired, was never unconfirmed or does not exist', async () => {
      const expiring = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      const confirmed = await fresh.store.users.create(newUser({ emailConfirmedAt: fresh.clock.now() }));
      expect(await fresh.store.users.confirm(expiring.id, expiring.unconfirmedUntil as Date)).toBeNull();
      expect(await fresh.store.users.confirm(confirmed.id, fresh.clock.now())).toBeNull();
      expect(await fresh.store.users.findById(confirmed.id)).toEqual(confirmed);
      expect(await fresh.store.users.confirm('no-such-id', fresh.clock.now())).toBeNull();
      expect(await fresh.store.users.confirm('0123456789abcdef01234567', fresh.clock.now())).toBeNull();
    });

    it('confirms for exactly one of many concurrent callers', async () => {
      const created = await fresh.store.users.create(unconfirmedUser(fresh));
      const results = await concurrently(10, () => fresh.store.users.confirm(created.id, fresh.clock.now()));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('starts with no profile data, then keeps the personal data and address it is given', async () => {
      const created = await fresh.store.users.create(newUser());
      expect(created).toMatchObject({ personalData: null, address: null, phoneChange: null });
      const updated = await fresh.store.users.update(created.id, { personalData: PERSONAL_DATA, address: { ...ADDRESS, apartment: '5' } });
      expect(updated).toMatchObject({ personalData: PERSONAL_DATA, address: { ...ADDRESS, apartment: '5' } });
      expect(await fresh.store.users.findById(created.id)).toEqual(updated);
      expect((await fresh.store.users.update(created.id, { address: null }))?.address).toBeNull();
    });

    it('never writes the pending phone change through update', async () => {
      const created = await fresh.store.users.create(newUser());
      const smuggled = { phoneChange: pendingCode(fresh, 'a'.repeat(64)), locale: 'kk' } as unknown as { locale: 'kk' };
      expect(await fresh.store.users.update(created.id, smuggled)).toMatchObject({ phoneChange: null, locale: 'kk' });
    });

    it('swaps the pending phone change only from what the caller read, and confirms the number in the same write', async () => {
      const created = await fresh.store.users.create(newUser({ phone: null }));
      const first = pendingCode(fresh, 'a'.repeat(64));
      expect(await fresh.store.users.swapPhoneChange(created.id, first, null)).toBeNull();
      expect((await fresh.store.users.swapPhoneChange(created.id, null, first))?.phoneChange).toEqual(first);
      expect(await fresh.store.users.swapPhoneChange(created.id, null, first)).toBeNull();
      const counted = { ...first, attempts: 1 };
      expect((await fresh.store.users.swapPhoneChange(created.id, first, counted))?.phoneChange).toEqual(counted);
      expect(await fresh.store.users.swapPhoneChange(created.id, first, null)).toBeNull();
      expect(await fresh.store.users.swapPhoneChange(created.id, { ...counted, codeHash: 'b'.repeat(64) }, null)).toBeNull();
      expect(await fresh.store.users.swapPhoneChange(created.id, { ...counted, sentAt: new Date(0) }, null)).toBeNull();
      const confirmed = await fresh.store.users.swapPhoneChange(created.id, counted, null, '+77011234567');
      expect(confirmed).toMatchObject({ phone: '+77011234567', phoneChange: null });
      expect(await fresh.store.users.findById(created.id)).toEqual(confirmed);
      expect(await fresh.store.users.swapPhoneChange('0123456789abcdef01234567', null, first)).toBeNull();
    });

    it('lets exactly one of many concurrent callers swap the same pending phone change', async () => {
      const created = await fresh.store.users.create(newUser());
      const pending = pendingCode(fresh, 'c'.repeat(64));
      await fresh.store.users.swapPhoneChange(created.id, null, pending);
      const results = await concurrently(10, () => fresh.store.users.swapPhoneChange(created.id, pending, { ...pending, attempts: 1 }));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('changes the e-mail only from the address the caller names, confirmed at the given instant', async () => {
      const created = await fresh.store.users.create(newUser({ email: 'old@example.kz' }));
      const at = new Date(fresh.clock.now().getTime() - 1_000);
      expect(await fresh.store.users.changeEmail(created.id, 'other@example.kz', 'new@example.kz', at)).toBeNull();
      const changed = await fresh.store.users.changeEmail(created.id, 'OLD@example.kz', ' New@Example.kz', at);
      expect(changed).toMatchObject({ email: 'new@example.kz', emailConfirmedAt: at });
      expect((await fresh.store.users.findByEmail('new@example.kz'))?.id).toBe(created.id);
      expect(await fresh.store.users.findByEmail('old@example.kz')).toBeNull();
      expect(await fresh.store.users.changeEmail(created.id, 'old@example.kz', 'third@example.kz', at)).toBeNull();
      expect(await fresh.store.users.changeEmail('0123456789abcdef01234567', 'new@example.kz', 'x@example.kz', at)).toBeNull();
    });

    it("refuses to change the e-mail to another user's, and takes an expired registration's", async () => {
      const taken = await fresh.store.users.create(newUser({ email: 'taken@example.kz' }));
      const expiring = await fresh.store.users.create(unconfirmedUser(fresh, 1_000));
      const mover = await fresh.store.users.create(newUser({ email: 'mover@example.kz' }));
      expect(await duplicateField(fresh.store.users.changeEmail(mover.id, mover.email, taken.email, fresh.clock.now()))).toBe('email');
      expect((await fresh.store.users.findById(mover.id))?.email).toBe('mover@example.kz');
      fresh.clock.advance(1_000);
      expect((await fresh.store.users.changeEmail(mover.id, mover.email, expiring.email, fresh.clock.now()))?.email).toBe(expiring.email);
    });

    it('discards an unconfirmed user by IIN, and never a confirmed one', async () => {
      const unconfirmed = await fresh.store.users.create(unconfirmedUser(fresh));
      const confirmed = await fresh.store.users.create(newUser({ emailConfirmedAt: fresh.clock.now() }));
      expect(await fresh.store.users.discardUnconfirmed(unconfirmed.iin)).toBe(true);
      expect(await fresh.store.users.findById(unconfirmed.id)).toBeNull();
      await fresh.store.users.create(newUser({ email: unconfirmed.email, iin: unconfirmed.iin }));
      expect(await fresh.store.users.discardUnconfirmed(confirmed.iin)).toBe(false);
      expect(await fresh.store.users.findById(confirmed.id)).toEqual(confirmed);
      expect(await fresh.store.users.discardUnconfirmed('000000000000')).toBe(false);
    });
  });
}
