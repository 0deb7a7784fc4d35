import { describe, expect, it } from 'vitest';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const HOUR = 3600;

export function endSessionsContract(factory: StoreFactory): void {
  describe('ending an account\'s sessions', () => {
    const fresh = freshStore(factory);

    it('removes its sessions, grants and the tokens of its grants; other accounts keep theirs', async () => {
      const model = (name: string) => new fresh.store.oidcAdapter(name);
      await model('Session').upsert('s-1', { kind: 'Session', jti: 's-1', uid: 'u-1', accountId: 'alice' }, HOUR);
      await model('Grant').upsert('g-1', { kind: 'Grant', jti: 'g-1', accountId: 'alice', clientId: 'keden' }, HOUR);
      await model('RefreshToken').upsert('r-1', { kind: 'RefreshToken', jti: 'r-1', grantId: 'g-1', accountId: 'alice' }, HOUR);
      await model('AccessToken').upsert('a-1', { kind: 'AccessToken', jti: 'a-1', grantId: 'g-1' }, HOUR);
      await model('Session').upsert('s-2', { kind: 'Session', jti: 's-2', uid: 'u-2', accountId: 'bob' }, HOUR);
      await model('Grant').upsert('g-2', { kind: 'Grant', jti: 'g-2', accountId: 'bob', clientId: 'keden' }, HOUR);
      await model('RefreshToken').upsert('r-2', { kind: 'RefreshToken', jti: 'r-2', grantId: 'g-2', accountId: 'bob' }, HOUR);

      await fresh.store.endSessions('alice');

      for (const [name, id] of [['Session', 's-1'], ['Grant', 'g-1'], ['RefreshToken', 'r-1'], ['AccessToken', 'a-1']] as const) {
        expect(await model(name).find(id), `${name} ${id}`).toBeUndefined();
      }
      expect(await model('Session').find('s-2')).toBeDefined();
      expect(await model('Grant').find('g-2')).toBeDefined();
      expect(await model('RefreshToken').find('r-2')).toBeDefined();
    });

    it('keeps the one session it is told to keep, but none of its grants and tokens', async () => {
      const model = (name: string) => new fresh.store.oidcAdapter(name);
      await model('Session').upsert('s-1', { kind: 'Session', jti: 's-1', uid: 'u-1', accountId: 'alice' }, HOUR);
      await model('Session').upsert('s-3', { kind: 'Session', jti: 's-3', uid: 'u-3', accountId: 'alice' }, HOUR);
      await model('Grant').upsert('g-3', { kind: 'Grant', jti: 'g-3', accountId: 'alice', clientId: 'keden' }, HOUR);
      await model('RefreshToken').upsert('r-3', { kind: 'RefreshToken', jti: 'r-3', grantId: 'g-3', accountId: 'alice' }, HOUR);
      await model('Session').upsert('s-4', { kind: 'Session', jti: 's-4', uid: 'u-3', accountId: 'bob' }, HOUR);

      await fresh.store.endSessions('alice', 'u-3');

      expect(await model('Session').find('s-3')).toBeDefined();
      for (const [name, id] of [['Session', 's-1'], ['Grant', 'g-3'], ['RefreshToken', 'r-3']] as const) {
        expect(await model(name).find(id), `${name} ${id}`).toBeUndefined();
      }
      expect(await model('Session').find('s-4')).toBeDefined();
    });
  });
}
