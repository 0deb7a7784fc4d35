import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.ts';
import { connectMongoStore } from '../../src/adapters/mongo/index.ts';
import { mongoOnlyContract } from './mongo-only.contract.ts';
import { findMongoServer } from './mongo-server.ts';
import { storeContract } from './store.contract.ts';
import type { StoreFactory } from './store-under-test.ts';

storeContract('memory', async (clock) => {
  const store = createMemoryStore({ clock });
  return { store, dispose: () => store.close() };
});

const mongo = await findMongoServer();

if ('skipped' in mongo) {
  console.log(`skipped: MongoDB contract suite: ${mongo.skipped}`);
  it.skip(`mongodb store: ${mongo.skipped}`, () => {});
} else {
  // Each test gets a database of its own, dropped afterwards, so a shared MONGODB_URI server is left as it was.
  const admin = await mongoose.createConnection(mongo.uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  afterAll(async () => {
    await admin.close();
    await mongo.stop();
  });

  const factory: StoreFactory = async (clock) => {
    const dbName = `kilt-contract-${randomUUID()}`;
    const store = await connectMongoStore(mongo.uri, { clock, dbName, serverSelectionTimeoutMS: 10_000 });
    return {
      store,
      async dispose() {
        await store.close();
        await admin.useDb(dbName).dropDatabase();
      },
    };
  };

  storeContract('mongodb', factory);
  mongoOnlyContract(mongo.uri, admin);
}
