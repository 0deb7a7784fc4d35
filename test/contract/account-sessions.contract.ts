import { describe, expect, it } from 'vitest';
import { type Fresh, freshStore, type StoreFactory } from './store-under-test.ts';

const HOUR = 3600;

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** A Session payload as oidc-provider writes it: epoch seconds, and per client the grant and sid of its sign-in. */
async function saveSession(fresh: Fresh, id: string, fields: { uid: string; accountId: string; startedAgo: number; signedInAgo: number; grants: Record<string, string> }) {
  const now = epoch(fresh.clock.now());
  const authorizations = Object.fromEntries(Object.entries(fields.grants).map(([clientId, grantId]) => [clientId, { grantId, sid: `sid-${grantId}` }]));
  await new fresh.store.oidcAdapter('Session').upsert(id, {
    kind: 'Session', jti: id, uid: fields.uid, accountId: fields.accountId, iat: now - fields.startedAgo, exp: now + HOUR,
    loginTs: now - fields.signedInAgo, amr: ['pwd', 'eds'], authorizations,
  }, HOUR);
}

/** A grant of `accountId` with a refresh and an access token issued under it. */
async function saveGrant(fresh: Fresh, grantId: string, accountId: string) {
  const model = (name: string) => new fresh.store.oidcAdapter(name);
  await model('Grant').upsert(grantId, { kind: 'Grant', jti: grantId, accountId, clientId: 'keden' }, HOUR);
  await model('RefreshToken').upsert(`r-${grantId}`, { kind: 'RefreshToken', jti: `r-${grantId}`, grantId, accountId }, HOUR);
  await model('AccessToken').upsert(`a-${grantId}`, { kind: 'AccessToken', jti: `a-${grantId}`, grantId, accountId }, HOUR);
}

const held = async (fresh: Fresh, grantId: string) => ({
  grant: (await new fresh.store.oidcAdapter('Grant').find(grantId)) !== undefined,
  refresh: (await new fresh.store.oidcAdapter('RefreshToken').find(`r-${grantId}`)) !== undefined,
  access: (await new fresh.store.oidcAdapter('AccessToken').find(`a-${grantId}`)) !== undefined,
});

export function accountSessionsContract(factory: StoreFactory): void {
  describe("an account's sessions", () => {
    const fresh = freshStore(factory);

    it('lists the unexpired sessions of the account only, the latest sign-in first', async () => {
      await saveSession(fresh, 's-old', { uid: 'u-old', accountId: 'alice', startedAgo: 7200, signedInAgo: 7200, grants: { keden: 'g-1' } });
      await saveSession(fresh, 's-new', { uid: 'u-new', accountId: 'alice', startedAgo: 5400, signedInAgo: 60, grants: { keden: 'g-2', 'kilt-account': 'g-3' } });
      await saveSession(fresh, 's-bob', { uid: 'u-bob', accountId: 'bob', startedAgo: 10, signedInAgo: 10, grants: {} });
      await new fresh.store.oidcAdapter('Session').upsert('s-short', { kind: 'Session', jti: 's-short', uid: 'u-short', accountId: 'alice', iat: epoch(fresh.clock.now()) }, 5);
      const now = epoch(fresh.clock.now());

      expect(await fresh.store.sessionsOf('alice')).toEqual([
        { uid: 'u-short', startedAt: new Date(now * 1000), signedInAt: new Date(now * 1000), expiresAt: null, clientIds: [] },
        { uid: 'u-new', startedAt: new Date((now - 5400) * 1000), signedInAt: new Date((now - 60) * 1000), expiresAt: new Date((now + HOUR) * 1000), clientIds: ['keden', 'kilt-account'] },
        { uid: 'u-old', startedAt: new Date((now - 7200) * 1000), signedInAt: new Date((now - 7200) * 1000), expiresAt: new Date((now + HOUR) * 1000), clientIds: ['keden'] },
      ]);
      fresh.clock.advance(5_000);
      expect((await fresh.store.sessionsOf('alice')).map((session) => session.uid)).toEqual(['u-new', 'u-old']);
      expect(await fresh.store.sessionsOf('carol')).toEqual([]);
    });

    it('ends one session with its grants and their tokens; the other sessions keep theirs', async () => {
      await saveSession(fresh, 's-1', { uid: 'u-1', accountId: 'alice', startedAgo: 100, signedInAgo: 100, grants: { keden: 'g-1', knp: 'g-2' } });
      await saveSession(fresh, 's-2', { uid: 'u-2', accountId: 'alice', startedAgo: 50, signedInAgo: 50, grants: { keden: 'g-3' } });
      for (const grantId of ['g-1', 'g-2', 'g-3']) await saveGrant(fresh, grantId, 'alice');

      expect(await fresh.store.endSession('alice', 'u-1')).toMatchObject({ uid: 'u-1', clientIds: ['keden', 'knp'] });

      expect(await new fresh.store.oidcAdapter('Session').find('s-1')).toBeUndefined();
      expect(await new fresh.store.oidcAdapter('Session').findByUid('u-1')).toBeUndefined();
      for (const grantId of ['g-1', 'g-2']) expect(await held(fresh, grantId), grantId).toEqual({ grant: false, refresh: false, access: false });
      expect(await held(fresh, 'g-3')).toEqual({ grant: true, refresh: true, access: true });
      expect((await fresh.store.sessionsOf('alice')).map((session) => session.uid)).toEqual(['u-2']);
      expect(await fresh.store.endSession('alice', 'u-1')).toBeNull();
    });

    it('ends the grants of tokens issued in the session that it no longer lists (a client logged out on its own)', async () => {
      await saveSession(fresh, 's-1', { uid: 'u-1', accountId: 'alice', startedAgo: 100, signedInAgo: 100, grants: {} });
      await saveGrant(fresh, 'g-offline', 'alice');
      await saveGrant(fresh, 'g-elsewhere', 'alice');
      await new fresh.store.oidcAdapter('RefreshToken').upsert('r-offline', { kind: 'RefreshToken', jti: 'r-offline', grantId: 'g-offline', accountId: 'alice', sessionUid: 'u-1' }, HOUR);
      await new fresh.store.oidcAdapter('RefreshToken').upsert('r-elsewhere', { kind: 'RefreshToken', jti: 'r-elsewhere', grantId: 'g-elsewhere', accountId: 'alice', sessionUid: 'u-2' }, HOUR);

      expect(await fresh.store.endSession('alice', 'u-1')).toMatchObject({ uid: 'u-1' });

      expect(await held(fresh, 'g-offline')).toEqual({ grant: false, refresh: false, access: false });
      expect(await new fresh.store.oidcAdapter('RefreshToken').find('r-offline')).toBeUndefined();
      expect(await held(fresh, 'g-elsewhere')).toEqual({ grant: true, refresh: true, access: true });
      expect(await new fresh.store.oidcAdapter('RefreshToken').find('r-elsewhere')).toBeDefined();
    });

    it("refuses to end another account's session, an unknown or an expired one", async () => {
      await saveSession(fresh, 's-bob', { uid: 'u-bob', accountId: 'bob', startedAgo: 10, signedInAgo: 10, grants: { keden: 'g-bob' } });
      await saveGrant(fresh, 'g-bob', 'bob');

      expect(await fresh.store.endSession('alice', 'u-bob')).toBeNull();
      expect(await fresh.store.endSession('alice', 'no-such-session')).toBeNull();
      expect(await new fresh.store.oidcAdapter('Session').findByUid('u-bob')).toBeDefined();
      expect(await held(fresh, 'g-bob')).toEqual({ grant: true, refresh: true, access: true });

      fresh.clock.advance((HOUR + 1) * 1000);
      expect(await fresh.store.endSession('bob', 'u-bob')).toBeNull();
    });

    it("leaves a grant named in the session, and its tokens, alone when it is another account's", async () => {
      await saveSession(fresh, 's-1', { uid: 'u-1', accountId: 'alice', startedAgo: 10, signedInAgo: 10, grants: { keden: 'g-bob' } });
      await saveGrant(fresh, 'g-bob', 'bob');

      expect(await fresh.store.endSession('alice', 'u-1')).toMatchObject({ uid: 'u-1' });
      expect(await new fresh.store.oidcAdapter('Session').find('s-1')).toBeUndefined();
      expect(await held(fresh, 'g-bob')).toEqual({ grant: true, refresh: true, access: true });
    });
  });
}
