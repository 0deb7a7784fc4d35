import type { Model } from 'mongoose';
import type { RegistrationPatch, RegistrationRecord, RegistrationRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import type { RegistrationDocument } from './models/registration.ts';
import { newRegistrationId } from '../store-shared/registration-id.ts';

/** What update may $set; typed so that a field added to RegistrationPatch must be listed here. */
const PATCHABLE: Record<keyof RegistrationPatch, true> = {
  step: true,
  email: true,
  passwordHash: true,
  consentAt: true,
  phone: true,
  sms: true,
  agreement: true,
  userId: true,
  locale: true,
  returnTo: true,
  expiresAt: true,
};

const toRecord = ({ person, sms, agreement, ...document }: RegistrationDocument): RegistrationRecord => ({
  id: document._id,
  step: document.step,
  kind: document.kind,
  person: {
    iin: person.iin,
    surname: person.surname,
    givenName: person.givenName,
    patronymic: person.patronymic,
    bin: person.bin,
    organizationName: person.organizationName,
    roles: [...person.roles],
    certificateSerial: person.certificateSerial,
  },
  email: document.email,
  passwordHash: document.passwordHash,
  consentAt: document.consentAt,
  phone: document.phone,
  sms: sms && { phone: sms.phone, codeHash: sms.codeHash, sentAt: sms.sentAt, expiresAt: sms.expiresAt, attempts: sms.attempts },
  agreement: agreement && { version: agreement.version, method: agreement.method, acceptedAt: agreement.acceptedAt, evidence: agreement.evidence },
  userId: document.userId,
  locale: document.locale,
  returnTo: document.returnTo,
  revision: document.revision,
  createdAt: document.createdAt,
  expiresAt: document.expiresAt,
});

export function mongoRegistrations(registrations: Model<RegistrationDocument>, clock: Clock): RegistrationRepository {
  return {
    async create(registration) {
      const created = await registrations.create({
        ...registration,
        person: { ...registration.person, roles: [...registration.person.roles] },
        _id: newRegistrationId(),
        revision: 0,
        createdAt: clock(),
      });
      return toRecord(created.toObject());
    },

    // Filtered on expiry too: the TTL monitor removes documents only once a minute.
    async find(id, now) {
      const document = await registrations.findOne({ _id: id, expiresAt: { $gt: now } }).lean<RegistrationDocument>();
      return document ? toRecord(document) : null;
    },

    async findByUserId(userId, now) {
      const document = await registrations.findOne({ userId, expiresAt: { $gt: now } }).lean<RegistrationDocument>();
      return document ? toRecord(document) : null;
    },

    // One findOneAndUpdate conditioned on the revision: of concurrent updates from one revision the server lets one in.
    async update(id, revision, patch) {
      const changes: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined && Object.hasOwn(PATCHABLE, field)) changes[field] = value;
      }
      const updated = await registrations
        .findOneAndUpdate(
          { _id: id, revision, expiresAt: { $gt: clock() } },
          { $set: changes, $inc: { revision: 1 } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<RegistrationDocument>();
      return updated ? toRecord(updated) : null;
    },

    async remove(id) {
      await registrations.deleteOne({ _id: id });
    },
  };
}
