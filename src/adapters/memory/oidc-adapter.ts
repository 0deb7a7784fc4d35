import type { AccountSession, OidcAdapter } from '../../domain/store.ts';
import { accountSession, latestSignInFirst, sessionGrantIds } from '../store-shared/account-sessions.ts';
import type { Clock } from '../store-shared/clock.ts';
import { type CompactPayload, type Payload, compactPayload, expandPayload, fieldOf, modelOf } from './compact-payload.ts';
import { ExpiringMap } from './expiring-map.ts';
import { ACCOUNT_MODELS, expiryOf, GRANT_BOUND_MODELS } from '../store-shared/oidc-models.ts';

/** The id in a `Model:id` key (a Grant's id is its jti). */
const idOf = (key: string): string => key.slice(key.indexOf(':') + 1);

/**
 * Payloads are kept compact (compact-payload.ts), since a refresh-token chain leaves one consumed payload per rotation
 * until it expires; scans read the few fields they need without expanding them.
 */
const payloadOf = (key: string, entry: CompactPayload): Payload => expandPayload(idOf(key), entry);

export interface MemoryOidcStorage {
  readonly adapter: new (modelName: string) => OidcAdapter;
  endSessions(accountId: string, keep?: string): Promise<void>;
  sessionsOf(accountId: string): Promise<readonly AccountSession[]>;
  endSession(accountId: string, sessionUid: string): Promise<AccountSession | null>;
  tokenGrantIds(query: { accountId: string; sessionUid: string; clientId: string }): Promise<readonly string[]>;
}

/** One storage shared by every model's adapter instance, keyed `Model:id` like oidc-provider's memory adapter. */
export function memoryOidcStorage(clock: Clock): MemoryOidcStorage {
  const storage = new ExpiringMap<CompactPayload>(clock);
  // oidc-provider looks sessions up by uid on every interaction and every token tied to a session (refreshes): a scan
  // of the whole storage there made each request slower as the store filled. `Model:uid` → key, expiring alike.
  const keyByUid = new ExpiringMap<string>(clock);

  const endSessions = async (accountId: string, keep?: string): Promise<void> => {
    const grants = new Set<unknown>();
    for (const [key, entry] of [...storage.entries()]) {
      const model = modelOf(entry);
      if (!ACCOUNT_MODELS.includes(model) || fieldOf(entry, 'accountId') !== accountId) continue;
      if (keep !== undefined && model === 'Session' && fieldOf(entry, 'uid') === keep) continue;
      if (model === 'Grant') grants.add(idOf(key));
      storage.delete(key);
    }
    for (const [key, entry] of [...storage.entries()]) {
      const bound = GRANT_BOUND_MODELS.includes(modelOf(entry));
      if (bound && (grants.has(fieldOf(entry, 'grantId')) || fieldOf(entry, 'accountId') === accountId)) storage.delete(key);
    }
  };

  const sessionEntries = (accountId: string): [string, CompactPayload][] =>
    [...storage.entries()].filter(([, entry]) => modelOf(entry) === 'Session' && fieldOf(entry, 'accountId') === accountId);

  const sessionsOf = async (accountId: string): Promise<AccountSession[]> =>
    sessionEntries(accountId).flatMap(([key, entry]) => accountSession(payloadOf(key, entry)) ?? []).sort(latestSignInFirst);

  const endSession = async (accountId: string, sessionUid: string): Promise<AccountSession | null> => {
    const ended = sessionEntries(accountId).filter(([, entry]) => fieldOf(entry, 'uid') === sessionUid);
    const session = ended.length === 0 ? null : accountSession(payloadOf(...ended[0]!));
    if (!session) return null;
    const named = new Set<unknown>(ended.flatMap(([key, entry]) => sessionGrantIds(payloadOf(key, entry))));
    // A client's own logout drops it from the session but keeps an offline grant: its tokens still name the session.
    for (const [, entry] of storage.entries()) {
      if (GRANT_BOUND_MODELS.includes(modelOf(entry)) && fieldOf(entry, 'accountId') === accountId && fieldOf(entry, 'sessionUid') === sessionUid) {
        named.add(fieldOf(entry, 'grantId'));
      }
    }
    const grants = new Set<unknown>();
    for (const [key, entry] of [...storage.entries()]) {
      if (modelOf(entry) !== 'Grant' || fieldOf(entry, 'accountId') !== accountId || !named.has(idOf(key))) continue;
      grants.add(idOf(key));
      storage.delete(key);
    }
    for (const [key, entry] of [...storage.entries()]) {
      if (GRANT_BOUND_MODELS.includes(modelOf(entry)) && grants.has(fieldOf(entry, 'grantId'))) storage.delete(key);
    }
    for (const [key] of ended) storage.delete(key);
    return session;
  };

  const tokenGrantIds = async ({ accountId, sessionUid, clientId }: { accountId: string; sessionUid: string; clientId: string }): Promise<string[]> => {
    const grants = new Set<string>();
    for (const [, entry] of storage.entries()) {
      const grantId = fieldOf(entry, 'grantId');
      if (!GRANT_BOUND_MODELS.includes(modelOf(entry)) || fieldOf(entry, 'accountId') !== accountId || typeof grantId !== 'string') continue;
      if (fieldOf(entry, 'sessionUid') === sessionUid && fieldOf(entry, 'clientId') === clientId) grants.add(grantId);
    }
    return [...grants];
  };

  // A scan, not an index: user codes belong to the device flow, which Kilt does not enable.
  const findWhere = (model: string, matches: (payload: Payload) => boolean): Payload | undefined => {
    for (const [key, entry] of storage.entries()) {
      if (modelOf(entry) !== model) continue;
      const payload = payloadOf(key, entry);
      if (matches(payload)) return payload;
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
      const expiresAt = expiryOf(clock(), expiresIn);
      storage.set(this.#key(id), compactPayload(this.#model, id, payload), expiresAt);
      if (typeof payload['uid'] === 'string') keyByUid.set(`${this.#model}:${payload['uid']}`, this.#key(id), expiresAt);
    }

    async find(id: string) {
      const key = this.#key(id);
      const entry = storage.get(key);
      return entry ? payloadOf(key, entry) : undefined;
    }

    async findByUserCode(userCode: string) {
      return findWhere(this.#model, (payload) => payload['userCode'] === userCode);
    }

    async findByUid(uid: string) {
      const key = keyByUid.get(`${this.#model}:${uid}`);
      const entry = key === undefined ? undefined : storage.get(key);
      return key !== undefined && entry !== undefined && fieldOf(entry, 'uid') === uid ? payloadOf(key, entry) : undefined;
    }

    async consume(id: string) {
      const key = this.#key(id);
      const entry = storage.get(key);
      if (entry) storage.replace(key, compactPayload(this.#model, id, { ...payloadOf(key, entry), consumed: Math.floor(clock().getTime() / 1000) }));
    }

    async destroy(id: string) {
      storage.delete(this.#key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of [...storage.entries()]) {
        if (GRANT_BOUND_MODELS.includes(modelOf(entry)) && fieldOf(entry, 'grantId') === grantId) storage.delete(key);
      }
    }
  };
  return { adapter, endSessions, sessionsOf, endSession, tokenGrantIds };
}
