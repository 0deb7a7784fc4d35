import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { KeyRepository, KeySetRecord } from '../domain/store.ts';
import { loadOrCreateKeys } from './keys/key-set.ts';

function runChain(middleware: readonly Koa.Middleware[], ctx: Koa.Context, next: Koa.Next): Promise<void> {
  const dispatch = async (index: number): Promise<void> => {
    const step = middleware[index];
    return step ? step(ctx, () => dispatch(index + 1)) : next();
  };
  return dispatch(0);
}

/**
 * The provider of the current key set. oidc-provider fixes its keys at construction, so when `kilt keys rotate`
 * saves a new set, a new provider is built and takes the next requests; everything else it needs is in the store.
 */
export class LiveProvider {
  readonly #keys: KeyRepository;
  readonly #build: (keys: KeySetRecord) => Provider;
  #provider: Provider;
  #revision: number;
  #timer: NodeJS.Timeout | undefined;

  private constructor(keys: KeyRepository, build: (keys: KeySetRecord) => Provider, record: KeySetRecord) {
    this.#keys = keys;
    this.#build = build;
    this.#provider = build(record);
    this.#revision = record.revision;
  }

  /** Loads the shared key set, generating it when this is the first process ever. */
  static async start(keys: KeyRepository, build: (keys: KeySetRecord) => Provider): Promise<LiveProvider> {
    return new LiveProvider(keys, build, await loadOrCreateKeys(keys));
  }

  /** Use at request time: the interaction routes call interactionDetails and friends on this. */
  get current(): Provider {
    return this.#provider;
  }

  get keysRevision(): number {
    return this.#revision;
  }

  /** Rebuilds the provider when the stored key set changed; true when it did. */
  async refresh(): Promise<boolean> {
    const record = await this.#keys.load();
    if (!record || record.revision === this.#revision) return false;
    this.#provider = this.#build(record);
    this.#revision = record.revision;
    return true;
  }

  refreshEvery(intervalMs: number, onError: (error: unknown) => void): void {
    this.stop();
    this.#timer = setInterval(() => this.refresh().catch(onError), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  readonly middleware: Koa.Middleware = (ctx, next) => {
    return runChain(this.#provider.middleware, ctx, next);
  };
}
