import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../src/domain/store.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const client = (clientId: string): ClientRecord => ({
  clientId,
  metadata: {
    client_secret: 'a-long-random-secret',
    redirect_uris: [`https://${clientId}.example.kz/callback`],
    token_endpoint_auth_method: 'client_secret_basic',
    'urn:kilt:nested': { levels: [1, { deep: true }] },
  },
  firstParty: clientId === 'keden',
  profilePolicy: 'membership',
  profileTypes: ['individual', 'legal_entity'],
});

export function clientsContract(factory: StoreFactory): void {
  describe('clients', () => {
    const fresh = freshStore(factory);

    it('stores, replaces, lists by client id and removes clients', async () => {
      expect(await fresh.store.clients.list()).toEqual([]);
      await fresh.store.clients.upsert(client('knp'));
      await fresh.store.clients.upsert(client('keden'));
      expect(await fresh.store.clients.find('keden')).toEqual(client('keden'));
      expect(await fresh.store.clients.find('unknown')).toBeNull();
      const replaced: ClientRecord = { ...client('knp'), metadata: { redirect_uris: ['https://knp.example.kz/new'] }, profilePolicy: 'certificate', profileTypes: ['individual'] };
      await fresh.store.clients.upsert(replaced);
      expect(await fresh.store.clients.list()).toEqual([client('keden'), replaced]);
      expect(await fresh.store.clients.remove('keden')).toBe(true);
      expect(await fresh.store.clients.remove('keden')).toBe(false);
      expect(await fresh.store.clients.list()).toEqual([replaced]);
    });

    it('keeps its own copies', async () => {
      const input = structuredClone(client('keden')) as unknown as { metadata: { redirect_uris: string[] } };
      await fresh.store.clients.upsert(input as unknown as ClientRecord);
      input.metadata.redirect_uris.push('https://evil.example/callback');
      const found = (await fresh.store.clients.find('keden')) as unknown as { metadata: { redirect_uris: string[] } };
      expect(found).toEqual(client('keden'));
      // A copy takes the change, a frozen record refuses it; either way the stored client stays as it was.
      try {
        found.metadata.redirect_uris.push('https://evil.example/callback');
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
      }
      expect(await fresh.store.clients.list()).toEqual([client('keden')]);
    });
  });
}
