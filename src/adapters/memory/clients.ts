import type { ClientRecord, ClientRepository } from '../../domain/store.ts';

/** Frozen all the way down: a record handed out cannot change the stored one, with no copy per read. */
function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const nested of Object.values(value)) deepFrozen(nested);
    Object.freeze(value);
  }
  return value;
}

/** oidc-provider reads a client on every request it serves, so a read hands out the stored record itself, frozen. */
export function memoryClients(): ClientRepository {
  const byId = new Map<string, ClientRecord>();

  return {
    async upsert(client) {
      byId.set(client.clientId, deepFrozen(structuredClone(client)));
    },

    async find(clientId) {
      return byId.get(clientId) ?? null;
    },

    /** Ordered by client id. */
    async list() {
      return [...byId.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
    },

    async remove(clientId) {
      return byId.delete(clientId);
    },
  };
}
