import { describe, expect, it } from 'vitest';
import { concurrently, freshStore, type StoreFactory } from './store-under-test.ts';

const keySet = (kid: string) => ({
  signingKeys: [{ kty: 'EC', crv: 'P-256', kid, x: 'x', y: 'y', d: 'd' }, { kty: 'OKP', crv: 'Ed25519', kid: `${kid}-ed`, x: 'x', d: 'd' }],
  cookieKeys: [`cookie-${kid}`, 'cookie-older'],
});

export function keysContract(factory: StoreFactory): void {
  describe('keys', () => {
    const fresh = freshStore(factory);

    it('saves the first key set at revision 0 and each next one at the current revision', async () => {
      expect(await fresh.store.keys.load()).toBeNull();
      expect(await fresh.store.keys.save(keySet('a'), 1)).toBe(false);
      expect(await fresh.store.keys.save(keySet('a'), 0)).toBe(true);
      expect(await fresh.store.keys.load()).toEqual({ ...keySet('a'), revision: 1 });
      expect(await fresh.store.keys.save(keySet('b'), 0)).toBe(false);
      expect(await fresh.store.keys.save(keySet('b'), 1)).toBe(true);
      expect(await fresh.store.keys.save(keySet('c'), 1)).toBe(false);
      expect(await fresh.store.keys.load()).toEqual({ ...keySet('b'), revision: 2 });
    });

    it('lets exactly one of concurrent savers of the same revision win', async () => {
      const first = await concurrently(10, (index) => fresh.store.keys.save(keySet(`first-${index}`), 0));
      expect(first.filter(Boolean)).toHaveLength(1);
      const next = await concurrently(10, (index) => fresh.store.keys.save(keySet(`next-${index}`), 1));
      expect(next.filter(Boolean)).toHaveLength(1);
      const winner = next.indexOf(true);
      expect(await fresh.store.keys.load()).toEqual({ ...keySet(`next-${winner}`), revision: 2 });
    });

    it('keeps its own copies', async () => {
      const input = structuredClone(keySet('a'));
      await fresh.store.keys.save(input, 0);
      input.cookieKeys.push('injected');
      (input.signingKeys[0] as Record<string, unknown>)['d'] = 'changed';
      const loaded = await fresh.store.keys.load();
      expect(loaded).toEqual({ ...keySet('a'), revision: 1 });
      (loaded?.cookieKeys as string[]).push('injected');
      expect(await fresh.store.keys.load()).toEqual({ ...keySet('a'), revision: 1 });
    });
  });
}
