import type { ClientRepository, OidcAdapter, Store } from '../domain/store.ts';

/**
 * oidc-provider asks its adapter's 'Client' model for every client on every use, so reading `store.clients` there
 * makes a client added or removed by `kilt clients` on one process count at once in all of them.
 */
class StoredClients implements OidcAdapter {
  readonly #clients: ClientRepository;

  constructor(clients: ClientRepository) {
    this.#clients = clients;
  }

  async find(id: string) {
    const client = await this.#clients.find(id);
    return client ? { ...client.metadata, client_id: client.clientId } : undefined;
  }

  // Clients are managed by `kilt clients` and the seed file; dynamic registration is off, so these never run.
  async upsert() {}
  async findByUserCode() {
    return undefined;
  }
  async findByUid() {
    return undefined;
  }
  async consume() {}
  async destroy() {}
  async revokeByGrantId() {}
}

/** The store's oidc adapter, with the 'Client' model answered from `store.clients`. */
export function adapterWithStoredClients(store: Pick<Store, 'clients' | 'oidcAdapter'>): new (modelName: string) => OidcAdapter {
  const { clients, oidcAdapter: StoreAdapter } = store;
  return class KiltOidcAdapter implements OidcAdapter {
    readonly #inner: OidcAdapter;

    constructor(modelName: string) {
      this.#inner = modelName === 'Client' ? new StoredClients(clients) : new StoreAdapter(modelName);
    }

    upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
      return this.#inner.upsert(id, payload, expiresIn);
    }
    find(id: string) {
      return this.#inner.find(id);
    }
    findByUserCode(userCode: string) {
      return this.#inner.findByUserCode(userCode);
    }
    findByUid(uid: string) {
      return this.#inner.findByUid(uid);
    }
    consume(id: string) {
      return this.#inner.consume(id);
    }
    destroy(id: string) {
      return this.#inner.destroy(id);
    }
    revokeByGrantId(grantId: string) {
      return this.#inner.revokeByGrantId(grantId);
    }
  };
}
