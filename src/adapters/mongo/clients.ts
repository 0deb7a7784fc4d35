import type { Model } from 'mongoose';
import type { ClientRecord, ClientRepository } from '../../domain/store.ts';
import type { ClientDocument } from './models/client.ts';

const toRecord = (document: ClientDocument): ClientRecord => ({
  clientId: document._id,
  metadata: document.metadata,
  firstParty: document.firstParty,
  profilePolicy: document.profilePolicy,
  profileTypes: document.profileTypes,
});

export function mongoClients(clients: Model<ClientDocument>): ClientRepository {
  return {
    async upsert(client) {
      const document: ClientDocument = {
        _id: client.clientId,
        metadata: { ...client.metadata },
        firstParty: client.firstParty,
        profilePolicy: client.profilePolicy,
        profileTypes: [...client.profileTypes],
      };
      await clients.replaceOne({ _id: client.clientId }, document, { upsert: true, runValidators: true });
    },

    async find(clientId) {
      const document = await clients.findById(clientId).lean<ClientDocument>();
      return document ? toRecord(document) : null;
    },

    /** Ordered by client id. */
    async list() {
      const documents = await clients.find().sort({ _id: 1 }).lean<ClientDocument[]>();
      return documents.map(toRecord);
    },

    async remove(clientId) {
      const { deletedCount } = await clients.deleteOne({ _id: clientId });
      return deletedCount === 1;
    },
  };
}
