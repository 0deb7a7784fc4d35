import type { Model } from 'mongoose';
import type { KeyRepository } from '../../domain/store.ts';
import { violatedIndex } from './duplicate-key.ts';
import { KEY_SET_ID, type KeySetDocument } from './models/key-set.ts';

export function mongoKeys(keySets: Model<KeySetDocument>): KeyRepository {
  return {
    async load() {
      const document = await keySets.findById(KEY_SET_ID).lean<KeySetDocument>();
      return document ? { signingKeys: document.signingKeys, cookieKeys: document.cookieKeys, revision: document.revision } : null;
    },

    /**
     * Revision 0 inserts (the _id index refuses a second first save); any other revision updates only a document
     * still at that revision. Either way the server decides, so two processes never overwrite each other.
     */
    async save(keys, expectedRevision) {
      const fields = { signingKeys: keys.signingKeys.map((key) => ({ ...key })), cookieKeys: [...keys.cookieKeys], revision: expectedRevision + 1 };
      if (expectedRevision === 0) {
        try {
          await keySets.create({ _id: KEY_SET_ID, ...fields });
          return true;
        } catch (error) {
          if (violatedIndex(error) === undefined) throw error;
          return false;
        }
      }
      const { matchedCount } = await keySets.updateOne({ _id: KEY_SET_ID, revision: expectedRevision }, { $set: fields });
      return matchedCount === 1;
    },
  };
}
