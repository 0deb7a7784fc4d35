import type { Model } from 'mongoose';
import type { AuditEvent, AuditRepository } from '../../domain/store.ts';
import type { AuditEventDocument } from './models/audit-event.ts';

const toEvent = (document: AuditEventDocument): AuditEvent => ({
  at: document.at,
  type: document.type,
  userId: document.userId,
  ip: document.ip,
  details: document.details,
});

export function mongoAudit(events: Model<AuditEventDocument>): AuditRepository {
  return {
    async record(event) {
      await events.create({ ...event });
    },

    /** Newest first by `at`; events of the same instant newest-recorded first. */
    async listByUser(userId, limit) {
      // MongoDB reads limit(0) as «no limit».
      if (limit <= 0) return [];
      const documents = await events.find({ userId }).sort({ at: -1, _id: -1 }).limit(limit).lean<AuditEventDocument[]>();
      return documents.map(toEvent);
    },
  };
}
