import type { Model } from 'mongoose';
import type { UserPatch, UserRecord, UserRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { rethrowDuplicate } from './duplicate-key.ts';
import { USER_EMAIL_INDEX, USER_IIN_INDEX, type UserDocument } from './models/user.ts';
import { objectIdOrNull } from './object-id.ts';

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
};

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

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
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

export function mongoUsers(users: Model<UserDocument>, clock: Clock): UserRepository {
  const findOne = async (filter: Partial<Pick<UserDocument, '_id' | 'email' | 'iin'>>): Promise<UserRecord | null> => {
    const document = await users.findOne(filter).lean<UserDocument>();
    return document ? toRecord(document) : null;
  };

  return {
    async create(user) {
      const now = clock();
      try {
        const created = await users.create({ ...user, email: normalizeEmail(user.email), createdAt: now, updatedAt: now });
        return toRecord(created.toObject());
      } catch (error) {
        rethrowDuplicate(error, DUPLICATES);
      }
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
      const changes: Record<string, unknown> = { updatedAt: clock() };
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined && Object.hasOwn(PATCHABLE, field)) changes[field] = value;
      }
      if (typeof changes['email'] === 'string') changes['email'] = normalizeEmail(changes['email']);
      try {
        const updated = await users
          .findOneAndUpdate({ _id }, { $set: changes }, { returnDocument: 'after', runValidators: true })
          .lean<UserDocument>();
        return updated ? toRecord(updated) : null;
      } catch (error) {
        rethrowDuplicate(error, DUPLICATES);
      }
    },
  };
}
