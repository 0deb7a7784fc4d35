import { describe, expect, it } from 'vitest';
import { freshStore, type StoreFactory, uniqueNumber } from './store-under-test.ts';

export function organizationsContract(factory: StoreFactory): void {
  describe('organizations', () => {
    const fresh = freshStore(factory);

    it('creates an organization and finds it by BIN', async () => {
      const bin = uniqueNumber();
      const created = await fresh.store.organizations.upsert({ bin, name: 'ТОО «Кілт»' });
      expect(created).toEqual({ bin, name: 'ТОО «Кілт»', createdAt: fresh.clock.now() });
      expect(await fresh.store.organizations.findByBin(bin)).toEqual(created);
      expect(await fresh.store.organizations.findByBin(uniqueNumber())).toBeNull();
    });

    it('renames an existing BIN instead of adding a second organization, keeping its creation time', async () => {
      const bin = uniqueNumber();
      const created = await fresh.store.organizations.upsert({ bin, name: 'ТОО «Старое»' });
      fresh.clock.advance(60_000);
      const renamed = await fresh.store.organizations.upsert({ bin, name: 'ТОО «Новое»' });
      expect(renamed).toEqual({ bin, name: 'ТОО «Новое»', createdAt: created.createdAt });
      expect(await fresh.store.organizations.findByBin(bin)).toEqual(renamed);
    });

    it('settles concurrent upserts of one BIN on a single organization', async () => {
      const bin = uniqueNumber();
      const names = Array.from({ length: 10 }, (_, index) => `ТОО «${index}»`);
      await Promise.all(names.map((name) => fresh.store.organizations.upsert({ bin, name })));
      expect(names).toContain((await fresh.store.organizations.findByBin(bin))?.name);
    });

    it('keeps its own copies', async () => {
      const bin = uniqueNumber();
      const created = await fresh.store.organizations.upsert({ bin, name: 'АО «Оригинал»' });
      (created as { name: string }).name = 'changed';
      created.createdAt.setTime(0);
      expect(await fresh.store.organizations.findByBin(bin)).toEqual({ bin, name: 'АО «Оригинал»', createdAt: fresh.clock.now() });
    });
  });
}
