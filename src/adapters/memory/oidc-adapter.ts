import type { OidcAdapter } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { ExpiringMap } from './expiring-map.ts';
import { ACCOUNT_MODELS, expiryOf, GRANT_BOUND_MODELS } from '../store-shared/oidc-models.ts';

type Payload = Record<string, unknown>;

interface Stored {
  readonly model: string;
  readonly payload: Payload;
}

export interface MemoryOidcStorage {
  readonly adapter: new (modelName: string) => OidcAdapter;
  endSessions(accountId: string): Promise<void>;
}

/** One storage shared by every model's adapter instance, keyed `Model:id` like oidc-provider's memory adapter. */
export function memoryOidcStorage(clock: Clock): MemoryOidcStorage {
  const storage = new ExpiringMap<Stored>(clock);

  const endSessions = async (accountId: string): Promise<void> => {
    const grants = new Set<unknown>();
    for (const [key, stored] of [...storage.entries()]) {
      if (!ACCOUNT_MODELS.includes(stored.model) || stored.payload['accountId'] !== accountId) continue;
      if (stored.model === 'Grant') grants.add(stored.payload['jti']);
      storage.delete(key);
    }
    for (const [key, stored] of [...storage.entries()]) {
      const bound = GRANT_BOUND_MODELS.includes(stored.model);
      if (bound && (grants.has(stored.payload['grantId']) || stored.payload['accountId'] === accountId)) storage.delete(key);
    }
  };

  // A scan, not an index: the memory store holds the few payloads of a development instance or a test.
  const findWhere = (model: string, matches: (payload: Payload) => boolean): Payload | undefined => {
    for (const [, stored] of storage.entries()) {
      if (stored.model === model && matches(stored.payload)) return structuredClone(stored.payload);
    }
    return undefined;
  };

  const adapter = class MemoryOidcAdapter implements OidcAdapter {
    readonly #model: string;

    constructor(modelName: string) {
      this.#model = modelName;
    }

    #key(id: string): string {
      return `${this.#model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn: number) {
      storage.set(this.#key(id), { model: this.#model, payload: structuredClone(payload) }, expiryOf(clock(), expiresIn));
    }

    async find(id: string) {
      const stored = storage.get(this.#key(id));
      return stored ? structuredClone(stored.payload) : undefined;
    }

    async findByUserCode(userCode: string) {
      return findWhere(this.#model, (payload) => payload['userCode'] === userCode);
    }

    async findByUid(uid: string) {
      return findWhere(this.#model, (payload) => payload['uid'] === uid);
    }

    async consume(id: string) {
      const stored = storage.get(this.#key(id));
      if (stored) stored.payload['consumed'] = Math.floor(clock().getTime() / 1000);
    }

    async destroy(id: string) {
      storage.delete(this.#key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const [key, stored] of [...storage.entries()]) {
        if (GRANT_BOUND_MODELS.includes(stored.model) && stored.payload['grantId'] === grantId) storage.delete(key);
      }
    }
  };
  return { adapter, endSessions };
}
