import type { Model } from 'mongoose';
import type { ParticipantRecord, ParticipantRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { rethrowDuplicate } from './duplicate-key.ts';
import { PARTICIPANT_LISTING_INDEX, PARTICIPANT_PAIR_INDEX, type ParticipantDocument } from './models/participant.ts';
import { objectIdOrNull } from './object-id.ts';

const DUPLICATES = { [PARTICIPANT_PAIR_INDEX]: 'participant' };
const CREATION_ORDER = { createdAt: 1, _id: 1 } as const;
// ObjectId order is the order of their hex strings, which is how the memory store breaks ties too.
const LAST_CHANGED_FIRST = { updatedAt: -1, _id: -1 } as const;

const toRecord = (document: ParticipantDocument): ParticipantRecord => ({
  id: document._id.toHexString(),
  organizationBin: document.organizationBin,
  iin: document.iin,
  role: document.role,
  status: document.status,
  createdAt: document.createdAt,
  updatedAt: document.updatedAt,
});

export function mongoParticipants(participants: Model<ParticipantDocument>, clock: Clock): ParticipantRepository {
  /** Applies `changes` to the participant when it still matches `condition`; the filter makes it a compare-and-set. */
  const updateWhere = async (id: string, condition: Partial<ParticipantDocument>, changes: Partial<ParticipantDocument>): Promise<ParticipantRecord | null> => {
    const _id = objectIdOrNull(id);
    if (!_id) return null;
    const updated = await participants
      .findOneAndUpdate({ ...condition, _id }, { $set: { ...changes, updatedAt: clock() } }, { returnDocument: 'after', runValidators: true })
      .lean<ParticipantDocument>();
    return updated ? toRecord(updated) : null;
  };

  return {
    async add(participant) {
      const now = clock();
      try {
        const created = await participants.create({ ...participant, createdAt: now, updatedAt: now });
        return toRecord(created.toObject());
      } catch (error) {
        rethrowDuplicate(error, DUPLICATES);
      }
    },

    async find(organizationBin, iin) {
      const document = await participants.findOne({ organizationBin, iin }).lean<ParticipantDocument>();
      return document ? toRecord(document) : null;
    },

    async findById(id) {
      const _id = objectIdOrNull(id);
      const document = _id && (await participants.findById(_id).lean<ParticipantDocument>());
      return document ? toRecord(document) : null;
    },

    async listByIin(iin) {
      const documents = await participants.find({ iin }).sort(CREATION_ORDER).lean<ParticipantDocument[]>();
      return documents.map(toRecord);
    },

    async listByOrganization(organizationBin, { offset, limit }) {
      // MongoDB reads limit(0) as «no limit»; an empty page is what was asked for.
      const [items, total] = await Promise.all([
        limit <= 0
          ? []
          : participants
            .find({ organizationBin })
            .sort(LAST_CHANGED_FIRST)
            .hint(PARTICIPANT_LISTING_INDEX)
            .skip(offset)
            .limit(limit)
            .lean<ParticipantDocument[]>(),
        participants.countDocuments({ organizationBin }),
      ]);
      return { items: items.map(toRecord), total };
    },

    async countByRole(organizationBin, role, status) {
      return participants.countDocuments({ organizationBin, role, status });
    },

    async changeStatus(id, from, to) {
      return updateWhere(id, { status: from }, { status: to });
    },

    async changeIin(id, iin, role) {
      try {
        return await updateWhere(id, { status: 'added' }, role === undefined ? { iin } : { iin, role });
      } catch (error) {
        rethrowDuplicate(error, DUPLICATES);
      }
    },

    async changeRole(id, role) {
      return updateWhere(id, {}, { role });
    },
  };
}
