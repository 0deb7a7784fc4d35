import { describe, expect, it } from 'vitest';
import type { ParticipantRecord } from '../../src/domain/store.ts';
import { concurrently, duplicateField, type Fresh, freshStore, type StoreFactory, uniqueNumber } from './store-under-test.ts';

function addParticipant(fresh: Fresh, organizationBin: string, iin = uniqueNumber()): Promise<ParticipantRecord> {
  return fresh.store.participants.add({ organizationBin, iin, role: 'declarant', status: 'added' });
}

export function participantsContract(factory: StoreFactory): void {
  describe('participants', () => {
    const fresh = freshStore(factory);

    it('adds a participant and finds it by (organization, IIN) and by IIN', async () => {
      const bin = uniqueNumber();
      const added = await addParticipant(fresh, bin);
      expect(added).toEqual({
        id: expect.any(String),
        organizationBin: bin,
        iin: added.iin,
        role: 'declarant',
        status: 'added',
        createdAt: fresh.clock.now(),
        updatedAt: fresh.clock.now(),
      });
      expect(await fresh.store.participants.find(bin, added.iin)).toEqual(added);
      expect(await fresh.store.participants.find(uniqueNumber(), added.iin)).toBeNull();
      expect(await fresh.store.participants.listByIin(added.iin)).toEqual([added]);
      expect(await fresh.store.participants.listByIin(uniqueNumber())).toEqual([]);
    });

    it('refuses the same IIN twice in one organization, and allows it in another', async () => {
      const bin = uniqueNumber();
      const first = await addParticipant(fresh, bin);
      expect(await duplicateField(addParticipant(fresh, bin, first.iin))).toBe('participant');
      const elsewhere = await addParticipant(fresh, uniqueNumber(), first.iin);
      expect(await fresh.store.participants.listByIin(first.iin)).toEqual(expect.arrayContaining([first, elsewhere]));
      expect(await fresh.store.participants.listByIin(first.iin)).toHaveLength(2);
    });

    it('pages through an organization last changed first, ties by id descending, with the total', async () => {
      const bin = uniqueNumber();
      const added: ParticipantRecord[] = [];
      // Most share one instant: the order must not depend on the clock's resolution.
      for (let index = 0; index < 7; index += 1) {
        if (index === 4) fresh.clock.advance(1_000);
        added.push(await addParticipant(fresh, bin));
      }
      await addParticipant(fresh, uniqueNumber());
      fresh.clock.advance(1_000);
      // A change moves the oldest to the top.
      const changed = (await fresh.store.participants.changeRole(added[0]!.id, 'accountant'))!;
      const byIdDescending = (records: ParticipantRecord[]) => [...records].sort((a, b) => (a.id < b.id ? 1 : -1));
      const expected = [changed, ...byIdDescending(added.slice(4)), ...byIdDescending(added.slice(1, 4))];
      const page = (offset: number, limit: number) => fresh.store.participants.listByOrganization(bin, { offset, limit });
      expect(await page(0, 3)).toEqual({ items: expected.slice(0, 3), total: 7 });
      expect(await page(3, 3)).toEqual({ items: expected.slice(3, 6), total: 7 });
      expect(await page(6, 3)).toEqual({ items: expected.slice(6), total: 7 });
      expect(await page(9, 3)).toEqual({ items: [], total: 7 });
      expect(await page(0, 0)).toEqual({ items: [], total: 7 });
      expect(await fresh.store.participants.listByOrganization(uniqueNumber(), { offset: 0, limit: 3 })).toEqual({ items: [], total: 0 });
    });

    it('finds a participant by id; an unknown or malformed id finds nothing', async () => {
      const added = await addParticipant(fresh, uniqueNumber());
      expect(await fresh.store.participants.findById(added.id)).toEqual(added);
      expect(await fresh.store.participants.findById('no-such-id')).toBeNull();
      expect(await fresh.store.participants.findById('0123456789abcdef01234567')).toBeNull();
    });

    it("counts an organization's participants by role and status", async () => {
      const bin = uniqueNumber();
      const head = await fresh.store.participants.add({ organizationBin: bin, iin: uniqueNumber(), role: 'head', status: 'registered' });
      await fresh.store.participants.add({ organizationBin: bin, iin: uniqueNumber(), role: 'head', status: 'registered' });
      await fresh.store.participants.add({ organizationBin: bin, iin: uniqueNumber(), role: 'head', status: 'restored' });
      await fresh.store.participants.add({ organizationBin: uniqueNumber(), iin: uniqueNumber(), role: 'head', status: 'registered' });
      await addParticipant(fresh, bin);
      expect(await fresh.store.participants.countByRole(bin, 'head', 'registered')).toBe(2);
      expect(await fresh.store.participants.countByRole(bin, 'declarant', 'added')).toBe(1);
      await fresh.store.participants.changeStatus(head.id, 'registered', 'excluded');
      expect(await fresh.store.participants.countByRole(bin, 'head', 'registered')).toBe(1);
      expect(await fresh.store.participants.countByRole(uniqueNumber(), 'head', 'registered')).toBe(0);
    });

    it('changes the role in any status', async () => {
      const added = await addParticipant(fresh, uniqueNumber());
      await fresh.store.participants.changeStatus(added.id, 'added', 'registered');
      fresh.clock.advance(1_000);
      const changed = await fresh.store.participants.changeRole(added.id, 'accountant');
      expect(changed).toEqual({ ...added, role: 'accountant', status: 'registered', updatedAt: fresh.clock.now() });
      expect(await fresh.store.participants.find(added.organizationBin, added.iin)).toEqual(changed);
      expect(await fresh.store.participants.changeRole('no-such-id', 'accountant')).toBeNull();
      expect(await fresh.store.participants.changeRole('0123456789abcdef01234567', 'accountant')).toBeNull();
    });

    it('changes the status only from the expected one', async () => {
      const added = await addParticipant(fresh, uniqueNumber());
      fresh.clock.advance(1_000);
      const registered = await fresh.store.participants.changeStatus(added.id, 'added', 'registered');
      expect(registered).toEqual({ ...added, status: 'registered', updatedAt: fresh.clock.now() });
      expect(await fresh.store.participants.changeStatus(added.id, 'added', 'excluded')).toBeNull();
      expect(await fresh.store.participants.find(added.organizationBin, added.iin)).toEqual(registered);
      expect(await fresh.store.participants.changeStatus('no-such-id', 'added', 'registered')).toBeNull();
      expect(await fresh.store.participants.changeStatus('0123456789abcdef01234567', 'added', 'registered')).toBeNull();
    });

    it('lets exactly one of concurrent status changes from the same state win', async () => {
      const added = await addParticipant(fresh, uniqueNumber());
      await fresh.store.participants.changeStatus(added.id, 'added', 'registered');
      const results = await concurrently(20, () => fresh.store.participants.changeStatus(added.id, 'registered', 'excluded'));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
      expect((await fresh.store.participants.find(added.organizationBin, added.iin))?.status).toBe('excluded');
    });

    it('corrects the IIN while the participant is only added, freeing the old pair', async () => {
      const bin = uniqueNumber();
      const added = await addParticipant(fresh, bin);
      const corrected = uniqueNumber();
      fresh.clock.advance(1_000);
      const changed = await fresh.store.participants.changeIin(added.id, corrected);
      expect(changed).toEqual({ ...added, iin: corrected, updatedAt: fresh.clock.now() });
      expect(await fresh.store.participants.find(bin, corrected)).toEqual(changed);
      expect(await fresh.store.participants.find(bin, added.iin)).toBeNull();
      await addParticipant(fresh, bin, added.iin);
    });

    it('corrects the IIN and the role in one change', async () => {
      const added = await addParticipant(fresh, uniqueNumber());
      const corrected = uniqueNumber();
      fresh.clock.advance(1_000);
      const changed = await fresh.store.participants.changeIin(added.id, corrected, 'accountant');
      expect(changed).toEqual({ ...added, iin: corrected, role: 'accountant', updatedAt: fresh.clock.now() });
      expect(await fresh.store.participants.findById(added.id)).toEqual(changed);
    });

    it('refuses an IIN correction to an IIN already in the organization, role and all', async () => {
      const bin = uniqueNumber();
      const existing = await addParticipant(fresh, bin);
      const added = await addParticipant(fresh, bin);
      expect(await duplicateField(fresh.store.participants.changeIin(added.id, existing.iin))).toBe('participant');
      expect(await duplicateField(fresh.store.participants.changeIin(added.id, existing.iin, 'accountant'))).toBe('participant');
      expect(await fresh.store.participants.find(bin, added.iin)).toEqual(added);
    });

    it('refuses an IIN correction once the participant has registered', async () => {
      const added = await addParticipant(fresh, uniqueNumber());
      await fresh.store.participants.changeStatus(added.id, 'added', 'registered');
      expect(await fresh.store.participants.changeIin(added.id, uniqueNumber())).toBeNull();
      expect(await fresh.store.participants.changeIin('no-such-id', uniqueNumber())).toBeNull();
      expect((await fresh.store.participants.find(added.organizationBin, added.iin))?.status).toBe('registered');
    });

    it('keeps its own copies', async () => {
      const input = { organizationBin: uniqueNumber(), iin: uniqueNumber(), role: 'head', status: 'registered' as const };
      const added = await fresh.store.participants.add(input);
      input.role = 'changed';
      (added as { role: string }).role = 'changed too';
      added.createdAt.setTime(0);
      const found = await fresh.store.participants.find(input.organizationBin, input.iin);
      expect(found).toMatchObject({ role: 'head', createdAt: fresh.clock.now() });
      const [listed] = (await fresh.store.participants.listByOrganization(input.organizationBin, { offset: 0, limit: 1 })).items;
      (listed as { status: string }).status = 'excluded';
      expect((await fresh.store.participants.listByIin(input.iin))[0]?.status).toBe('registered');
    });
  });
}
