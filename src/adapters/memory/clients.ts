import type { ClientRecord, ClientRepository } from '../../domain/store.ts';

export function memoryClients(): ClientRepository {
  const byId = new Map<string, ClientRecord>();

  return {
    async upsert(client) {
      byId.set(client.clientId, structuredClone(client));
    },

    async find(clientId) {
      const client = byId.get(clientId);
      return client ? structuredClone(client) : null;
    },

    /** Ordered by client id. */
    async list() {
      return [...byId.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0)).map((client) => structuredClone(client));
    },

    async remove(clientId) {
      return byId.delete(clientId);
    },
  };
}
