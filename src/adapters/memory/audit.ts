import type { AuditEvent, AuditRepository } from '../../domain/store.ts';

export function memoryAudit(): AuditRepository {
  const events: AuditEvent[] = [];

  return {
    async record(event) {
      events.push(structuredClone(event));
    },

    /** Newest first by `at`; events of the same instant newest-recorded first. */
    async listByUser(userId, limit) {
      return events
        .filter((event) => event.userId === userId)
        .reverse()
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit)
        .map((event) => structuredClone(event));
    },
  };
}
