import { describe, expect, it } from 'vitest';
import type { AgreementAcceptance } from '../../src/domain/store.ts';
import { concurrently, freshStore, type StoreFactory } from './store-under-test.ts';

const texts = (edition: string) => ({ ru: `Соглашение ${edition}`, kk: `Келісім ${edition}`, en: `Agreement ${edition}` });

export function agreementsContract(factory: StoreFactory): void {
  describe('agreements', () => {
    const fresh = freshStore(factory);

    it('publishes versions 1, 2, … and answers the latest', async () => {
      expect(await fresh.store.agreements.latest()).toBeNull();
      expect(await fresh.store.agreements.latestVersion()).toBeNull();
      const at = new Date('2026-02-01T09:00:00Z');
      expect(await fresh.store.agreements.publish(texts('A'), at)).toEqual({ version: 1, texts: texts('A'), publishedAt: at });
      expect(await fresh.store.agreements.latestVersion()).toBe(1);
      const second = await fresh.store.agreements.publish(texts('B'), new Date('2026-03-01T09:00:00Z'));
      expect(second.version).toBe(2);
      expect(await fresh.store.agreements.latest()).toEqual(second);
      expect(await fresh.store.agreements.latestVersion()).toBe(2);
    });

    it('gives concurrent publishers distinct consecutive versions', async () => {
      const published = await concurrently(20, (index) => fresh.store.agreements.publish(texts(String(index)), fresh.clock.now()));
      expect(published.map((version) => version.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      const latest = await fresh.store.agreements.latest();
      expect(latest?.version).toBe(20);
      expect(await fresh.store.agreements.latestVersion()).toBe(20);
      expect(latest).toEqual(published.find((version) => version.version === 20));
    });

    it('records acceptances and answers the highest accepted version and the history, oldest first', async () => {
      expect(await fresh.store.agreements.acceptedVersion('user-1')).toBeNull();
      expect(await fresh.store.agreements.history('user-1')).toEqual([]);
      const byClick: AgreementAcceptance = { userId: 'user-1', version: 1, method: 'click', acceptedAt: new Date('2026-02-02T00:00:00Z'), evidence: null };
      const bySignature: AgreementAcceptance = { userId: 'user-1', version: 2, method: 'signature', acceptedAt: new Date('2026-03-02T00:00:00Z'), evidence: 'MIIB…cms' };
      const otherUser: AgreementAcceptance = { ...byClick, userId: 'user-2', version: 3 };
      await fresh.store.agreements.recordAcceptance(bySignature);
      await fresh.store.agreements.recordAcceptance(byClick);
      await fresh.store.agreements.recordAcceptance(otherUser);
      expect(await fresh.store.agreements.acceptedVersion('user-1')).toBe(2);
      expect(await fresh.store.agreements.history('user-1')).toEqual([byClick, bySignature]);
      expect(await fresh.store.agreements.history('user-2')).toEqual([otherUser]);
    });

    it('keeps its own copies', async () => {
      const input = texts('A');
      const published = await fresh.store.agreements.publish(input, new Date('2026-02-01T09:00:00Z'));
      input.ru = 'changed';
      (published.texts as { ru: string }).ru = 'changed too';
      published.publishedAt.setTime(0);
      expect(await fresh.store.agreements.latest()).toEqual({ version: 1, texts: texts('A'), publishedAt: new Date('2026-02-01T09:00:00Z') });
      const acceptance = { userId: 'user-1', version: 1, method: 'click' as const, acceptedAt: new Date('2026-02-02T00:00:00Z'), evidence: null };
      await fresh.store.agreements.recordAcceptance(acceptance);
      acceptance.acceptedAt.setTime(0);
      const [recorded] = await fresh.store.agreements.history('user-1');
      expect(recorded?.acceptedAt).toEqual(new Date('2026-02-02T00:00:00Z'));
      recorded?.acceptedAt.setTime(0);
      expect((await fresh.store.agreements.history('user-1'))[0]?.acceptedAt).toEqual(new Date('2026-02-02T00:00:00Z'));
    });
  });
}
