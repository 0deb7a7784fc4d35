import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectMongoStore } from '../../src/adapters/mongo/index.ts';
import type { Store } from '../../src/domain/store.ts';

interface IndexDescription {
  readonly name: string;
  readonly key: Record<string, number>;
  readonly unique?: boolean;
  readonly expireAfterSeconds?: number;
}

/** What only MongoDB has: the indexes the guarantees rest on, and expiry on real time before the TTL monitor runs. */
/** `admin` is read at run time: the connection is opened by the suite's beforeAll. */
export function mongoOnlyContract(uri: string, admin: () => Connection): void {
  describe('mongodb store internals', () => {
    let dbName = '';
    let store: Store;

    beforeEach(async () => {
      dbName = `kilt-contract-${randomUUID()}`;
      store = await connectMongoStore(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
    });
    afterEach(async () => {
      await store.close();
      await admin().useDb(dbName).dropDatabase();
    });

    const indexes = async (collection: string): Promise<IndexDescription[]> =>
      (await admin().useDb(dbName).collection(collection).indexes()) as IndexDescription[];

    it('creates the unique, TTL and lookup indexes at connect', async () => {
      expect(await indexes('users')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: { email: 1 }, unique: true }),
          expect.objectContaining({ key: { iin: 1 }, unique: true }),
        ]),
      );
      expect(await indexes('organizations')).toContainEqual(expect.objectContaining({ key: { bin: 1 }, unique: true }));
      expect(await indexes('participants')).toContainEqual(expect.objectContaining({ key: { organizationBin: 1, iin: 1 }, unique: true }));
      expect(await indexes('agreement_versions')).toContainEqual(expect.objectContaining({ key: { version: 1 }, unique: true }));
      expect(await indexes('challenges')).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
      expect(await indexes('profile_selections')).toContainEqual(expect.objectContaining({ key: { sessionUid: 1, clientId: 1 }, unique: true }));
      expect(await indexes('profile_selections')).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
      expect(await indexes('one_time_tokens')).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
      expect(await indexes('oidc')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
          expect.objectContaining({ key: { kind: 1, 'payload.uid': 1 } }),
          expect.objectContaining({ key: { kind: 1, 'payload.userCode': 1 } }),
          expect.objectContaining({ key: { 'payload.grantId': 1 } }),
          expect.objectContaining({ key: { kind: 1, 'payload.accountId': 1 } }),
        ]),
      );
      expect(await indexes('rate_limits')).toContainEqual(expect.objectContaining({ key: { key: 1 }, unique: true }));
    });

    it('creates the registration indexes: unconfirmed accounts and registrations expire at their instant', async () => {
      const users = await indexes('users');
      expect(users).toContainEqual(expect.objectContaining({ name: 'users_unconfirmed_ttl', key: { unconfirmedUntil: 1 }, expireAfterSeconds: 0 }));
      // Only the TTL index may remove accounts: the unique ones never expire anything.
      expect(users.filter((index) => index.expireAfterSeconds !== undefined).map((index) => index.name)).toEqual(['users_unconfirmed_ttl']);
      const registrations = await indexes('registrations');
      expect(registrations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'registrations_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
          expect.objectContaining({ name: 'registrations_user', key: { userId: 1 } }),
        ]),
      );
      // Many registrations have no account yet (userId null): the lookup index must not be unique.
      expect(registrations.find((index) => index.name === 'registrations_user')).not.toHaveProperty('unique');
      expect(registrations.find((index) => index.name === 'registrations_user')).not.toHaveProperty('expireAfterSeconds');
    });

    it('creates the «Участники ЮЛ» indexes, and a page of a company is read in index order without a sort', async () => {
      expect(await indexes('participants')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'participants_organization_changed', key: { organizationBin: 1, updatedAt: -1, _id: -1 } }),
          expect.objectContaining({ name: 'participants_organization_role_status', key: { organizationBin: 1, role: 1, status: 1 } }),
        ]),
      );
      expect(await indexes('audit_events')).toContainEqual(
        expect.objectContaining({ name: 'audit_events_organization_at', key: { organizationBin: 1, at: -1, _id: -1 } }),
      );
      expect(await indexes('profile_selections')).toContainEqual(expect.objectContaining({ name: 'profile_selections_account', key: { accountId: 1 } }));

      for (let index = 0; index < 30; index += 1) {
        await store.participants.add({ organizationBin: index % 3 === 0 ? '150440001234' : '160540002345', iin: String(900000000000 + index), role: 'declarant', status: 'added' });
      }
      const plan = JSON.stringify(
        await admin().useDb(dbName).collection('participants').find({ organizationBin: '150440001234' }).sort({ updatedAt: -1, _id: -1 }).skip(5).limit(10).explain(),
      );
      expect(plan).toContain('"indexName":"participants_organization_changed"');
      expect(plan).not.toContain('"stage":"SORT"');
    });

    it('stops returning an oidc payload at its real expiry, before the TTL monitor removes it', async () => {
      const sessions = new store.oidcAdapter('Session');
      await sessions.upsert('session-1', { jti: 'session-1', uid: 'uid-1' }, 1);
      expect(await sessions.find('session-1')).toBeDefined();
      await sleep(1_100);
      expect(await sessions.find('session-1')).toBeUndefined();
      expect(await sessions.findByUid('uid-1')).toBeUndefined();
    });

    it('connects a second time to an existing database without index conflicts', async () => {
      const again = await connectMongoStore(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
      await again.ping();
      await again.close();
    });
  });
}
