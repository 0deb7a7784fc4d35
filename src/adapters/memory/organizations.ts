import type { OrganizationRecord, OrganizationRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';

export function memoryOrganizations(clock: Clock): OrganizationRepository {
  const byBin = new Map<string, OrganizationRecord>();

  return {
    async upsert({ bin, name }) {
      const record: OrganizationRecord = { bin, name, createdAt: byBin.get(bin)?.createdAt ?? clock() };
      byBin.set(bin, record);
      return structuredClone(record);
    },

    async findByBin(bin) {
      const record = byBin.get(bin);
      return record ? structuredClone(record) : null;
    },
  };
}
