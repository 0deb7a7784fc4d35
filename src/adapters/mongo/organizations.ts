import type { Model } from 'mongoose';
import type { OrganizationRecord, OrganizationRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';
import { violatedIndex } from './duplicate-key.ts';
import type { OrganizationDocument } from './models/organization.ts';

const toRecord = (document: OrganizationDocument): OrganizationRecord => ({
  bin: document.bin,
  name: document.name,
  createdAt: document.createdAt,
});

export function mongoOrganizations(organizations: Model<OrganizationDocument>, clock: Clock): OrganizationRepository {
  const upsertOnce = async (bin: string, name: string): Promise<OrganizationRecord> => {
    const document = await organizations
      .findOneAndUpdate({ bin }, { $set: { name }, $setOnInsert: { createdAt: clock() } }, { upsert: true, returnDocument: 'after' })
      .lean<OrganizationDocument>();
    return toRecord(document);
  };

  return {
    async upsert({ bin, name }) {
      try {
        return await upsertOnce(bin, name);
      } catch (error) {
        // Two upserts of a new BIN may both try to insert; the loser finds the winner's document on the retry.
        if (violatedIndex(error) === undefined) throw error;
        return upsertOnce(bin, name);
      }
    },

    async findByBin(bin) {
      const document = await organizations.findOne({ bin }).lean<OrganizationDocument>();
      return document ? toRecord(document) : null;
    },
  };
}
