import { randomUUID } from 'node:crypto';
import { DuplicateError, type NewUser, type PendingSmsCode, type UserPatch, type UserRecord, type UserRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { normalizeEmail } from '../../domain/users/email.ts';

const samePending = (a: PendingSmsCode | null, b: PendingSmsCode | null): boolean =>
  a === null || b === null ? a === b : a.codeHash === b.codeHash && a.attempts === b.attempts && a.sentAt.getTime() === b.sentAt.getTime();

/** Drops keys whose value is undefined, so a sparse patch never erases a field. */
function definedOnly(patch: UserPatch): UserPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

export function memoryUsers(clock: Clock): UserRepository {
  const byId = new Map<string, UserRecord>();
  const idByEmail = new Map<string, string>();
  const idByIin = new Map<string, string>();

  const remove = (user: UserRecord): void => {
    byId.delete(user.id);
    idByEmail.delete(user.email);
    idByIin.delete(user.iin);
  };

  /** The stored user, unless it is a registration past its instant: that one is removed, as the TTL index would. */
  const live = (id: string | undefined): UserRecord | undefined => {
    const user = id === undefined ? undefined : byId.get(id);
    if (user === undefined || user.unconfirmedUntil === null || user.unconfirmedUntil > clock()) return user;
    remove(user);
    return undefined;
  };

  const found = (id: string | undefined): UserRecord | null => {
    const user = live(id);
    return user ? structuredClone(user) : null;
  };

  const replace = (current: UserRecord, changes: Partial<UserRecord>): UserRecord => {
    const updated: UserRecord = { ...current, ...changes, updatedAt: clock() };
    idByEmail.delete(current.email);
    idByEmail.set(updated.email, updated.id);
    byId.set(updated.id, updated);
    return structuredClone(updated);
  };

  return {
    async create(user: NewUser) {
      const email = normalizeEmail(user.email);
      if (live(idByEmail.get(email))) throw new DuplicateError('email');
      if (live(idByIin.get(user.iin))) throw new DuplicateError('iin');
      const now = clock();
      const record: UserRecord = {
        ...structuredClone(user), email, id: randomUUID(), personalData: null, address: null, phoneChange: null, createdAt: now, updatedAt: now,
      };
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
      const current = live(id);
      if (!current) return null;
      const changes = structuredClone(definedOnly(patch));
      const email = changes.email === undefined ? current.email : normalizeEmail(changes.email);
      const owner = live(idByEmail.get(email));
      if (owner !== undefined && owner.id !== id) throw new DuplicateError('email');
      // The fields a patch may not change are re-applied last: a patch smuggled past the type cannot change them.
      return replace(current, {
        ...changes,
        email,
        id,
        iin: current.iin,
        unconfirmedUntil: current.unconfirmedUntil,
        phoneChange: current.phoneChange,
        createdAt: current.createdAt,
      });
    },

    // Synchronous from comparison to write, like every compare-and-set here.
    async changeEmail(id, from, to, at) {
      const current = live(id);
      if (!current || current.email !== normalizeEmail(from)) return null;
      const email = normalizeEmail(to);
      const owner = live(idByEmail.get(email));
      if (owner !== undefined && owner.id !== id) throw new DuplicateError('email');
      return replace(current, { email, emailConfirmedAt: at });
    },

    async swapPhoneChange(id, expected, next, confirmedPhone) {
      const current = live(id);
      if (!current || !samePending(current.phoneChange, expected)) return null;
      return replace(current, { phoneChange: structuredClone(next), ...(confirmedPhone === undefined ? {} : { phone: confirmedPhone }) });
    },

    // Synchronous from check to write, so of concurrent callers only the first confirms.
    async confirm(id, at) {
      const current = byId.get(id);
      if (!current?.unconfirmedUntil || current.unconfirmedUntil <= at) return null;
      return replace(current, { emailConfirmedAt: at, unconfirmedUntil: null });
    },

    async discardUnconfirmed(iin) {
      const id = idByIin.get(iin);
      const user = id === undefined ? undefined : byId.get(id);
      if (user === undefined || user.unconfirmedUntil === null) return false;
      remove(user);
      return true;
    },
  };
}
