import type { Model } from 'mongoose';
import type { OneTimeTokenRecord, OneTimeTokenRepository } from '../../domain/store.ts';
import { hasPurpose } from '../store-shared/token-purpose.ts';
import type { OneTimeTokenDocument } from './models/one-time-token.ts';

/** Null for an e-mail change without its addresses: such a link must change nothing. */
function toRecord(document: OneTimeTokenDocument): OneTimeTokenRecord | null {
  const { _id: hash, userId, expiresAt } = document;
  if (document.purpose !== 'email_change') return { hash, purpose: document.purpose, userId, expiresAt };
  const { newEmail, oldEmail } = document;
  return newEmail && oldEmail ? { hash, purpose: 'email_change', userId, expiresAt, newEmail, oldEmail } : null;
}

export function mongoOneTimeTokens(tokens: Model<OneTimeTokenDocument>): OneTimeTokenRepository {
  return {
    async save(token) {
      const addresses = token.purpose === 'email_change' ? { newEmail: token.newEmail, oldEmail: token.oldEmail } : {};
      await tokens.replaceOne(
        { _id: token.hash },
        { _id: token.hash, purpose: token.purpose, userId: token.userId, expiresAt: token.expiresAt, ...addresses },
        { upsert: true },
      );
    },
    // One findOneAndDelete on hash, purpose and lifetime: the server hands the token to one caller only.
    async consume(hash, purpose, now) {
      const document = await tokens.findOneAndDelete({ _id: hash, purpose, expiresAt: { $gt: now } }).lean<OneTimeTokenDocument>();
      const record = document && toRecord(document);
      return record && hasPurpose(record, purpose) ? record : null;
    },
    async discard(userId, purpose) {
      await tokens.deleteMany({ userId, purpose });
    },
  };
}
