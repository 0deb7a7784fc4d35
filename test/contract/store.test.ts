import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe } from 'vitest';
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
const skipped = 'skipped' in mongo ? mongo.skipped : undefined;
const uri = 'uri' in mongo ? mongo.uri : '';
if (skipped) console.log(`skipped: MongoDB contract suite: ${skipped}`);

describe.skipIf(skipped !== undefined)(`MongoDB${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  // Each test gets a database of its own, dropped afterwards, so a shared MONGODB_URI server is left as it was.
  let admin: Connection;
  beforeAll(async () => {
    admin = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  });
  afterAll(async () => {
    await admin.close();
    if ('stop' in mongo) await mongo.stop();
  });

  const factory: StoreFactory = async (clock) => {
    const dbName = `kilt-contract-${randomUUID()}`;
    const store = await connectMongoStore(uri, { clock, dbName, serverSelectionTimeoutMS: 10_000 });
    return {
      store,
      async dispose() {
        await store.close();
        await admin.useDb(dbName).dropDatabase();
      },
    };
  };

  storeContract('mongodb', factory);
  mongoOnlyContract(uri, () => admin);
});
