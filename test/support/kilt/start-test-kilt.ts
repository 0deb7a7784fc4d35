// A real Kilt (main.ts's startKilt) on 127.0.0.1, on the memory store unless given one, with quiet logs.
import type Koa from 'koa';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import type { Config } from '../../../src/config/schema.ts';
import type { SmsSender } from '../../../src/domain/sms.ts';
import type { Store } from '../../../src/domain/store.ts';
import { type KiltInstance, startKilt } from '../../../src/main.ts';
import type { LiveProvider } from '../../../src/provider/live-provider.ts';
import type { OutboundFetch } from '../../../src/provider/configuration.ts';
import { createLogger } from '../../../src/server/logger.ts';
import { freePort } from '../free-port.ts';

export interface TestKilt {
  /** The issuer, http://127.0.0.1:<port>. */
  readonly url: string;
  readonly config: Config;
  readonly store: Store;
  readonly instance: KiltInstance;
  stop(): Promise<void>;
}

export interface TestKiltOptions {
  readonly store?: Store;
  readonly env?: Readonly<Record<string, string>>;
  readonly routes?: (provider: LiveProvider) => readonly Koa.Middleware[];
  readonly sms?: SmsSender;
  /** Lets back-channel logout reach a receiver on 127.0.0.1, which oidc-provider's SSRF guard refuses. */
  readonly reachLoopback?: boolean;
}

const loopbackFetch: OutboundFetch = (url, { dispatcher: _guard, ...options }) => fetch(url, options);

/** Cheap argon2 parameters: the tests hash many passwords and prove nothing about their cost. */
export const FAST_ARGON2 = { KILT_ARGON2_MEMORY_KIB: '8192', KILT_ARGON2_TIME_COST: '1' } as const;

export async function startTestKilt(options: TestKiltOptions = {}): Promise<TestKilt> {
  const port = await freePort();
  const config = loadConfig({
    KILT_ISSUER: `http://127.0.0.1:${port}`,
    PORT: String(port),
    KILT_EMBEDDED_MONGO: 'false',
    KILT_DEV_INSTANCE: 'false',
    ...FAST_ARGON2,
    ...options.env,
  });
  const store = options.store ?? createMemoryStore();
  const instance = await startKilt(config, createLogger('silent'), {
    store,
    port,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.reachLoopback ? { fetch: loopbackFetch } : {}),
    ...(options.sms ? { sms: options.sms } : {}),
  });
  return { url: config.issuer, config, store, instance, stop: () => instance.stop() };
}
