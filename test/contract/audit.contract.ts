import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/store.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const event = (at: string, type: string, userId: string | null = 'user-1', organizationBin: string | null = null): AuditEvent => ({
  at: new Date(at),
  type,
  userId,
  ip: '192.0.2.10',
  organizationBin,
  details: { clientId: 'keden', attempt: 2, remembered: false, reason: null },
});

export function auditContract(factory: StoreFactory): void {
  describe('audit', () => {
    const fresh = freshStore(factory);

    it("lists a user's events newest first, up to the limit", async () => {
      const first = event('2026-01-01T10:00:00Z', 'login.failed');
      const second = event('2026-01-01T10:01:00Z', 'login.succeeded');
      const third = event('2026-01-02T08:00:00Z', 'participant.excluded', 'user-1', '150440001234');
      for (const recorded of [second, third, first, event('2026-01-03T00:00:00Z', 'login.failed', 'user-2'), event('2026-01-04T00:00:00Z', 'login.failed', null)]) {
        await fresh.store.audit.record(recorded);
      }
      expect(await fresh.store.audit.listByUser('user-1', 10)).toEqual([third, second, first]);
      expect(await fresh.store.audit.listByUser('user-1', 2)).toEqual([third, second]);
      expect(await fresh.store.audit.listByUser('user-3', 10)).toEqual([]);
      expect(await fresh.store.audit.listByUser('user-1', 0)).toEqual([]);
    });

    it("lists a company's events newest first, whoever recorded them; events of one instant newest-recorded first", async () => {
      const bin = '150440001234';
      const added = event('2026-01-01T10:00:00Z', 'participant.added', 'head-1', bin);
      const edited = event('2026-01-01T10:00:00Z', 'participant.edited', 'head-2', bin);
      const excluded = event('2026-01-02T10:00:00Z', 'participant.excluded', 'head-1', bin);
      for (const recorded of [added, excluded, event('2026-01-03T00:00:00Z', 'participant.added', 'head-3', '160540002345'), edited, event('2026-01-04T00:00:00Z', 'login.failed')]) {
        await fresh.store.audit.record(recorded);
      }
      expect(await fresh.store.audit.listByOrganization(bin, 10)).toEqual([excluded, edited, added]);
      expect(await fresh.store.audit.listByOrganization(bin, 1)).toEqual([excluded]);
      expect(await fresh.store.audit.listByOrganization(bin, 0)).toEqual([]);
      expect(await fresh.store.audit.listByOrganization('170640003456', 10)).toEqual([]);
    });

    it('records an event about no company with organizationBin null', async () => {
      const { organizationBin: _none, ...withoutCompany } = event('2026-01-01T10:00:00Z', 'login.failed');
      await fresh.store.audit.record(withoutCompany);
      expect(await fresh.store.audit.listByUser('user-1', 1)).toEqual([event('2026-01-01T10:00:00Z', 'login.failed')]);
    });

    it('keeps its own copies', async () => {
      const recorded = event('2026-01-01T10:00:00Z', 'login.failed');
      await fresh.store.audit.record(recorded);
      (recorded.details as Record<string, unknown>)['attempt'] = 99;
      const [listed] = await fresh.store.audit.listByUser('user-1', 1);
      expect(listed).toEqual(event('2026-01-01T10:00:00Z', 'login.failed'));
      (listed?.details as Record<string, unknown>)['attempt'] = 99;
      expect((await fresh.store.audit.listByUser('user-1', 1))[0]?.details['attempt']).toBe(2);
    });
  });
}
