import { describe, expect, it } from 'vitest';
import { KiltError } from '../../src/domain/kilt-error.ts';
import { type ParticipantActor, participantManagement } from '../../src/domain/participants/management.ts';
import { participantRoles } from '../../src/domain/participants/roles.ts';
import type { ParticipantRecord } from '../../src/domain/store.ts';
import { freshStore, type StoreFactory, uniqueNumber } from './store-under-test.ts';

/**
 * «The last administrator cannot be excluded» must hold when administrators exclude each other at the same moment:
 * the domain runs concurrently against each implementation, whose only atomic step is the status compare-and-set.
 */
export function participantManagementRaceContract(factory: StoreFactory): void {
  describe('participant management races', () => {
    const fresh = freshStore(factory);

    const management = () =>
      participantManagement({
        store: fresh.store,
        roles: participantRoles([{ code: 'declarant', label: 'Декларант' }]),
        testMode: false,
        revokeCompanyAccess: async () => ({ revoked: 0, failed: 0, notified: [], unreachable: [] }),
        clock: fresh.clock.now,
      });

    async function administrators(bin: string, count: number): Promise<{ records: ParticipantRecord[]; actors: ParticipantActor[] }> {
      const records: ParticipantRecord[] = [];
      for (let index = 0; index < count; index += 1) {
        records.push(await fresh.store.participants.add({ organizationBin: bin, iin: uniqueNumber(), role: 'head', status: 'registered' }));
      }
      return { records, actors: records.map((record) => ({ userId: `user-${record.iin}`, iin: record.iin, bin, ip: null })) };
    }

    const codes = (results: readonly PromiseSettledResult<unknown>[]) =>
      results.flatMap((result) => {
        if (result.status === 'fulfilled') return [];
        if (!(result.reason instanceof KiltError)) throw result.reason;
        return [result.reason.code];
      });

    it('leaves an administrator when the only two exclude each other at once', async () => {
      const manage = management();
      for (let round = 0; round < 10; round += 1) {
        const bin = uniqueNumber();
        const { records: [first, second], actors: [a, b] } = await administrators(bin, 2);
        const results = await Promise.allSettled([manage.exclude(a!, second!.id), manage.exclude(b!, first!.id)]);
        expect(await fresh.store.participants.countByRole(bin, 'head', 'registered')).toBeGreaterThanOrEqual(1);
        expect(results.filter((result) => result.status === 'fulfilled').length).toBeLessThanOrEqual(1);
        expect(codes(results).every((code) => code === 'participant.last_administrator' || code === 'participant.not_administrator')).toBe(true);
        const excluded = (await manage.history(bin, 10)).filter((event) => event.type === 'participant.excluded');
        expect(excluded).toHaveLength(results.filter((result) => result.status === 'fulfilled').length);
      }
    });

    it('leaves an administrator when three exclude one another in a circle', async () => {
      const manage = management();
      for (let round = 0; round < 5; round += 1) {
        const bin = uniqueNumber();
        const { records, actors } = await administrators(bin, 3);
        await Promise.allSettled(actors.map((actor, index) => manage.exclude(actor, records[(index + 1) % 3]!.id)));
        expect(await fresh.store.participants.countByRole(bin, 'head', 'registered')).toBeGreaterThanOrEqual(1);
      }
    });

    it('lets one of two administrators excluding the same participant win', async () => {
      const manage = management();
      const bin = uniqueNumber();
      const { actors: [a, b] } = await administrators(bin, 2);
      const employee = await fresh.store.participants.add({ organizationBin: bin, iin: uniqueNumber(), role: 'declarant', status: 'registered' });
      const results = await Promise.allSettled([manage.exclude(a!, employee.id), manage.exclude(b!, employee.id)]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(codes(results)).toEqual(['participant.status_changed']);
    });
  });
}
