import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Store } from '../domain/store.ts';
import { createMemoryStore } from './memory/index.ts';

// mongoose and mongodb-memory-server are loaded only when a MongoDB is used: a memory-store process stays lighter.
const mongoStore = () => import('./mongo/index.ts');

export interface OpenedStore {
  readonly store: Store;
  /** For the start-up log line: where the data lives. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * MONGODB_URI when set (the only choice in production); otherwise an embedded mongod with data under KILT_DATA_DIR;
 * otherwise the memory store, which keeps nothing across restarts and shares nothing with other processes.
 */
export async function openStore(config: Pick<Config, 'store' | 'production'>, logger: Logger): Promise<OpenedStore> {
  const { mongodbUri, embeddedMongo, embeddedMongoTimeoutMs, dataDir } = config.store;
  if (mongodbUri) {
    const store = await (await mongoStore()).connectMongoStore(mongodbUri);
    return { store, description: 'MongoDB (MONGODB_URI)', close: () => store.close() };
  }
  if (config.production) throw new Error('production runs on MongoDB only: set MONGODB_URI');
  if (embeddedMongo) {
    try {
      const mongod = await (await import('./embedded-mongo.ts')).startEmbeddedMongo(dataDir, embeddedMongoTimeoutMs);
      const store = await (await mongoStore()).connectMongoStore(mongod.uri);
      return {
        store,
        description: `embedded mongod, data in ${dataDir}/mongo`,
        async close() {
          await store.close();
          await mongod.stop();
        },
      };
    } catch (error) {
      logger.warn({ err: error }, 'the embedded mongod could not start');
    }
  }
  logger.warn(
    'THE MEMORY STORE IS IN USE: NOTHING PERSISTS. Accounts, clients, sessions and keys live in this process only and vanish when it stops; ' +
      '`kilt clients`/`kilt users` cannot reach it (use KILT_SEED_FILE). Set MONGODB_URI for a real store.',
  );
  const store = createMemoryStore();
  return { store, description: 'memory (nothing persists)', close: () => store.close() };
}
