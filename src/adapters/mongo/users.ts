import type { Model, QueryFilter } from 'mongoose';
import type { PendingSmsCode, UserPatch, UserRecord, UserRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { rethrowDuplicate, violatedIndex } from './duplicate-key.ts';
import { USER_EMAIL_INDEX, USER_IIN_INDEX, type UserDocument } from './models/user.ts';
import { objectIdOrNull } from './object-id.ts';
import { normalizeEmail } from '../../domain/users/email.ts';

const DUPLICATES = { [USER_EMAIL_INDEX]: 'email', [USER_IIN_INDEX]: 'iin' };

/** What update may $set; typed so that a field added to UserPatch must be listed here. */
const PATCHABLE: Record<keyof UserPatch, true> = {
  email: true,
  emailConfirmedAt: true,
  passwordHash: true,
  surname: true,
  givenName: true,
  patronymic: true,
  phone: true,
  locale: true,
  lockedUntil: true,
  personalData: true,
  address: true,
};

/**
 * Excludes registrations past their instant, which the TTL monitor (once a minute) may not have removed yet.
 * `$not` also matches null and a missing field: every confirmed account.
 */
const unexpired = (now: Date) => ({ unconfirmedUntil: { $not: { $lte: now } } });

function toRecord(document: UserDocument): UserRecord {
  return {
    id: document._id.toHexString(),
    email: document.email,
    emailConfirmedAt: document.emailConfirmedAt,
    passwordHash: document.passwordHash,
    iin: document.iin,
    surname: document.surname,
    givenName: document.givenName,
    patronymic: document.patronymic,
    phone: document.phone,
    locale: document.locale,
    lockedUntil: document.lockedUntil,
    unconfirmedUntil: document.unconfirmedUntil ?? null,
    personalData: document.personalData ?? null,
    address: document.address ?? null,
    phoneChange: document.phoneChange ?? null,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** The stored pending phone change equals `expected`; `phoneChange: null` also matches accounts stored without it. */
const pendingIs = (expected: PendingSmsCode | null) =>
  expected === null
    ? { phoneChange: null }
    : { 'phoneChange.codeHash': expected.codeHash, 'phoneChange.sentAt': expected.sentAt, 'phoneChange.attempts': expected.attempts };

export function mongoUsers(users: Model<UserDocument>, clock: Clock): UserRepository {
  const findOne = async (filter: QueryFilter<UserDocument>): Promise<UserRecord | null> => {
    const document = await users.findOne({ ...filter, ...unexpired(clock()) }).lean<UserDocument>();
    return document ? toRecord(document) : null;
  };

  /**
   * Runs `write`; when a unique index refuses it, removes the expired registrations among `holders` (the TTL monitor
   * may not have got to them) and runs it once more, so that an expired registration's e-mail and IIN are free.
   */
  const freeingExpired = async <T>(holders: QueryFilter<UserDocument>[], now: Date, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (violatedIndex(error) === undefined || holders.length === 0) rethrowDuplicate(error, DUPLICATES);
      await users.deleteMany({ $or: holders, unconfirmedUntil: { $lte: now } });
    }
    try {
      return await write();
    } catch (error) {
      rethrowDuplicate(error, DUPLICATES);
    }
  };

  return {
    async create(user) {
      const now = clock();
      const email = normalizeEmail(user.email);
      return freeingExpired([{ email }, { iin: user.iin }], now, async () => {
        const created = await users.create({ ...user, email, createdAt: now, updatedAt: now });
        return toRecord(created.toObject());
      });
    },

    async findById(id) {
      const _id = objectIdOrNull(id);
      return _id ? findOne({ _id }) : null;
    },

    async findByEmail(email) {
      return findOne({ email: normalizeEmail(email) });
    },

    async findByIin(iin) {
      return findOne({ iin });
    },

    async update(id, patch) {
      const _id = objectIdOrNull(id);
      if (!_id) return null;
      const now = clock();
      const changes: Record<string, unknown> = { updatedAt: now };
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined && Object.hasOwn(PATCHABLE, field)) changes[field] = value;
      }
      const email = typeof changes['email'] === 'string' ? normalizeEmail(changes['email']) : undefined;
      if (email !== undefined) changes['email'] = email;
      const updated = await freeingExpired(email === undefined ? [] : [{ email }], now, () =>
        users
          .findOneAndUpdate({ _id, ...unexpired(now) }, { $set: changes }, { returnDocument: 'after', runValidators: true })
          .lean<UserDocument>(),
      );
      return updated ? toRecord(updated) : null;
    },

    // One findOneAndUpdate conditioned on the registration still running at `at`: the server lets one caller in.
    async confirm(id, at) {
      const _id = objectIdOrNull(id);
      if (!_id) return null;
      const confirmed = await users
        .findOneAndUpdate(
          { _id, unconfirmedUntil: { $gt: at } },
          { $set: { emailConfirmedAt: at, unconfirmedUntil: null, updatedAt: clock() } },
          { returnDocument: 'after' },
        )
        .lean<UserDocument>();
      return confirmed ? toRecord(confirmed) : null;
    },

    async changeEmail(id, from, to, at) {
      const _id = objectIdOrNull(id);
      if (!_id) return null;
      const email = normalizeEmail(to);
      const now = clock();
      const changed = await freeingExpired([{ email }], now, () =>
        users
          .findOneAndUpdate({ _id, email: normalizeEmail(from), ...unexpired(now) }, { $set: { email, emailConfirmedAt: at, updatedAt: now } }, { returnDocument: 'after' })
          .lean<UserDocument>(),
      );
      return changed ? toRecord(changed) : null;
    },

    // One findOneAndUpdate conditioned on the pending change as the caller read it: the server lets one writer in.
    async swapPhoneChange(id, expected, next, confirmedPhone) {
      const _id = objectIdOrNull(id);
      if (!_id) return null;
      const now = clock();
      const swapped = await users
        .findOneAndUpdate(
          { _id, ...pendingIs(expected), ...unexpired(now) },
          { $set: { phoneChange: next, updatedAt: now, ...(confirmedPhone === undefined ? {} : { phone: confirmedPhone }) } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<UserDocument>();
      return swapped ? toRecord(swapped) : null;
    },

    async discardUnconfirmed(iin) {
      // $ne: null also leaves alone accounts stored before the field existed, all of them confirmed.
      const { deletedCount } = await users.deleteOne({ iin, unconfirmedUntil: { $ne: null } });
      return deletedCount === 1;
    },
  };
}
