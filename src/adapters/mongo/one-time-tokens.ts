import type { Model } from 'mongoose';
import type { OneTimeTokenRepository } from '../../domain/store.ts';
import type { OneTimeTokenDocument } from './models/one-time-token.ts';

export function mongoOneTimeTokens(tokens: Model<OneTimeTokenDocument>): OneTimeTokenRepository {
  return {
    async save(token) {
      await tokens.replaceOne({ _id: token.hash }, { _id: token.hash, purpose: token.purpose, userId: token.userId, expiresAt: token.expiresAt }, { upsert: true });
    },
    // One findOneAndDelete on hash, purpose and lifetime: the server hands the token to one caller only.
    async consume(hash, purpose, now) {
      const document = await tokens.findOneAndDelete({ _id: hash, purpose, expiresAt: { $gt: now } }).lean<OneTimeTokenDocument>();
      return document && { hash: document._id, purpose: document.purpose, userId: document.userId, expiresAt: document.expiresAt };
    },
  };
}
