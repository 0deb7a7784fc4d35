import type { RegistrationPatch, RegistrationRecord, RegistrationRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { ExpiringMap } from './expiring-map.ts';
import { newRegistrationId } from '../store-shared/registration-id.ts';

/** Drops keys whose value is undefined, so a sparse patch never erases a field. */
function definedOnly(patch: RegistrationPatch): RegistrationPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

export function memoryRegistrations(clock: Clock): RegistrationRepository {
  const byId = new ExpiringMap<RegistrationRecord>(clock);

  return {
    async create(registration) {
      const record: RegistrationRecord = { ...structuredClone(registration), id: newRegistrationId(), revision: 0, createdAt: clock() };
      byId.set(record.id, record, record.expiresAt);
      return structuredClone(record);
    },

    async find(id, now) {
      const record = byId.get(id, now);
      return record ? structuredClone(record) : null;
    },

    async findByUserId(userId, now) {
      for (const [, record] of byId.entries()) {
        if (record.userId === userId && record.expiresAt > now) return structuredClone(record);
      }
      return null;
    },

    // Synchronous from the revision check to the write, so of concurrent callers with one revision only the first wins.
    async update(id, revision, patch) {
      const current = byId.get(id);
      if (current?.revision !== revision) return null;
      // The fields a patch may not change are re-applied last: a patch smuggled past the type cannot change them.
      const updated: RegistrationRecord = {
        ...current,
        ...structuredClone(definedOnly(patch)),
        id,
        kind: current.kind,
        person: current.person,
        createdAt: current.createdAt,
        revision: revision + 1,
      };
      byId.set(id, updated, updated.expiresAt);
      return structuredClone(updated);
    },

    async remove(id) {
      byId.delete(id);
    },
  };
}
