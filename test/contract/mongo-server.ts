import { setTimeout as sleep } from 'node:timers/promises';
import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';

export type MongoServer = { readonly uri: string; stop(): Promise<void> } | { readonly skipped: string };

/** A mongod that cannot be fetched and started in this time is not coming; the suite must not hang on it. */
const START_TIMEOUT_MS = 20_000;

/** Finds (or downloads once, into its cache) a mongod binary, then starts it on a free port. */
async function startMemoryServer(): Promise<MongoMemoryServer> {
  // Asked first on its own because it fails quietly, where a failed MongoMemoryServer.create prints a stack trace.
  await MongoBinary.getPath();
  return MongoMemoryServer.create();
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

/**
 * MongoDB for the contract suite: MONGODB_URI when set, else a mongod started by mongodb-memory-server. Anything
 * else is a reason to skip, never a failure.
 */
export async function findMongoServer(): Promise<MongoServer> {
  const configured = process.env['MONGODB_URI'];
  if (configured) return { uri: configured, stop: async () => {} };

  // The download retries with growing back-off by default; without a network one refusal is enough.
  process.env['MONGOMS_MAX_RETRIES'] ??= '0';
  const starting = startMemoryServer();
  const timedOut = sleep(START_TIMEOUT_MS, undefined, { ref: false }).then(() => 'timeout' as const);
  try {
    const started = await Promise.race([starting, timedOut]);
    if (started === 'timeout') {
      // Should it start after all, it must not outlive the tests.
      starting.then((server) => server.stop()).catch(() => {});
      return { skipped: `mongodb-memory-server did not start a mongod within ${START_TIMEOUT_MS / 1000} s` };
    }
    return { uri: started.getUri(), stop: async () => void (await started.stop()) };
  } catch (error) {
    return { skipped: `no MONGODB_URI, and mongodb-memory-server could not start a mongod: ${oneLine(error)}` };
  }
}
