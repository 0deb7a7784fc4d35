import type { Model } from 'mongoose';
import type { AuditEvent, AuditRepository } from '../../domain/store.ts';
import type { AuditEventDocument } from './models/audit-event.ts';

const toEvent = (document: AuditEventDocument): AuditEvent => ({
  at: document.at,
  type: document.type,
  userId: document.userId,
  ip: document.ip,
  // Events recorded before companies had an audit log carry no field at all.
  organizationBin: document.organizationBin ?? null,
  details: document.details,
});

export function mongoAudit(events: Model<AuditEventDocument>): AuditRepository {
  /** Newest first by `at`; events of the same instant newest-recorded first. */
  const newest = async (filter: Partial<AuditEventDocument>, limit: number): Promise<AuditEvent[]> => {
    // MongoDB reads limit(0) as «no limit».
    if (limit <= 0) return [];
    const documents = await events.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean<AuditEventDocument[]>();
    return documents.map(toEvent);
  };

  return {
    async record(event) {
      await events.create({ ...event, organizationBin: event.organizationBin ?? null });
    },

    async listByUser(userId, limit) {
      return newest({ userId }, limit);
    },

    async listByOrganization(organizationBin, limit) {
      return newest({ organizationBin }, limit);
    },
  };
}
