import { randomUUID } from 'node:crypto';
import { DuplicateError, type NewUser, type UserPatch, type UserRecord, type UserRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Drops keys whose value is undefined, so a sparse patch never erases a field. */
function definedOnly(patch: UserPatch): UserPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

export function memoryUsers(clock: Clock): UserRepository {
  const byId = new Map<string, UserRecord>();
  const idByEmail = new Map<string, string>();
  const idByIin = new Map<string, string>();

  const found = (id: string | undefined): UserRecord | null => {
    const user = id === undefined ? undefined : byId.get(id);
    return user ? structuredClone(user) : null;
  };

  return {
    async create(user: NewUser) {
      const email = normalizeEmail(user.email);
      if (idByEmail.has(email)) throw new DuplicateError('email');
      if (idByIin.has(user.iin)) throw new DuplicateError('iin');
      const now = clock();
      const record: UserRecord = { ...structuredClone(user), email, id: randomUUID(), createdAt: now, updatedAt: now };
      byId.set(record.id, record);
      idByEmail.set(email, record.id);
      idByIin.set(record.iin, record.id);
      return structuredClone(record);
    },

    async findById(id) {
      return found(id);
    },

    async findByEmail(email) {
      return found(idByEmail.get(normalizeEmail(email)));
    },

    async findByIin(iin) {
      return found(idByIin.get(iin));
    },

    async update(id, patch) {
      const current = byId.get(id);
      if (!current) return null;
      const changes = structuredClone(definedOnly(patch));
      const email = changes.email === undefined ? current.email : normalizeEmail(changes.email);
      const owner = idByEmail.get(email);
      if (owner !== undefined && owner !== id) throw new DuplicateError('email');
      // The identity fields are re-applied last: a patch smuggled past the type cannot change them.
      const updated: UserRecord = {
        ...current,
        ...changes,
        email,
        id,
        iin: current.iin,
        createdAt: current.createdAt,
        updatedAt: clock(),
      };
      idByEmail.delete(current.email);
      idByEmail.set(updated.email, id);
      byId.set(id, updated);
      return structuredClone(updated);
    },
  };
}
