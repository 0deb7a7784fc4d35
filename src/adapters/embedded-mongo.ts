import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';

export interface EmbeddedMongo {
  readonly uri: string;
  stop(): Promise<void>;
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), Math.max(ms, 0));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A development mongod (mongodb-memory-server) keeping its data under `<dataDir>/mongo`, so a development instance
 * survives restarts. Finding (or downloading) the binary and starting it must fit in `timeoutMs`; a download that
 * is still running then goes on into the cache for the next start, and a server that comes up late is stopped.
 */
export async function startEmbeddedMongo(dataDir: string, timeoutMs: number): Promise<EmbeddedMongo> {
  const deadline = Date.now() + timeoutMs;
  const dbPath = resolve(join(dataDir, 'mongo'));
  await mkdir(dbPath, { recursive: true });
  const locating = MongoBinary.getPath();
  locating.catch(() => undefined);
  const systemBinary = await within(locating, deadline - Date.now(), 'finding or downloading mongod');
  const starting = MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger', ip: '127.0.0.1' }, binary: { systemBinary } });
  try {
    const server = await within(starting, deadline - Date.now(), 'starting mongod');
    return { uri: server.getUri('kilt'), stop: async () => void (await server.stop({ doCleanup: false })) };
  } catch (error) {
    starting.then((late) => late.stop({ doCleanup: false }), () => undefined);
    throw error;
  }
}
