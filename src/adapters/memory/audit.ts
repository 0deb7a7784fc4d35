import type { AuditEvent, AuditRepository } from '../../domain/store.ts';

export function memoryAudit(): AuditRepository {
  const events: AuditEvent[] = [];

  /** Newest first by `at`; events of the same instant newest-recorded first. */
  const newest = (matches: (event: AuditEvent) => boolean, limit: number): AuditEvent[] =>
    events
      .filter(matches)
      .reverse()
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, Math.max(limit, 0))
      .map((event) => structuredClone(event));

  return {
    async record(event) {
      events.push(structuredClone({ ...event, organizationBin: event.organizationBin ?? null }));
    },

    async listByUser(userId, limit) {
      return newest((event) => event.userId === userId, limit);
    },

    async listByOrganization(organizationBin, limit) {
      return newest((event) => event.organizationBin === organizationBin, limit);
    },
  };
}
