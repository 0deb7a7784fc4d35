import type { Model } from 'mongoose';
import type { ChallengeRepository } from '../../domain/store.ts';
import type { ChallengeDocument } from './models/challenge.ts';

export function mongoChallenges(challenges: Model<ChallengeDocument>): ChallengeRepository {
  return {
    async save(challenge) {
      const document = { _id: challenge.id, value: Buffer.from(challenge.value), binding: challenge.binding, expiresAt: challenge.expiresAt };
      await challenges.replaceOne({ _id: challenge.id }, document, { upsert: true });
    },

    /**
     * One findOneAndDelete matching id, binding and lifetime: the server hands the document to one caller only, and
     * leaves a challenge of another binding alone. An expired one is refused here even before the TTL monitor (which
     * runs once a minute) removes it.
     */
    async consume(id, binding, now) {
      // Not lean: a lean read returns the bytes as a BSON Binary, the hydrated document as a Buffer.
      const document = await challenges.findOneAndDelete({ _id: id, binding, expiresAt: { $gt: now } });
      if (!document) return null;
      return { id: document._id, value: new Uint8Array(document.value), binding: document.binding, expiresAt: document.expiresAt };
    },
  };
}
