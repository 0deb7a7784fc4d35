import { randomUUID } from 'node:crypto';
import { DuplicateError, type ParticipantRecord, type ParticipantRepository } from '../../domain/store.ts';
import type { Clock } from '../store-shared/clock.ts';

const pairKey = (organizationBin: string, iin: string): string => `${organizationBin}/${iin}`;

const lastChangedFirst = (a: ParticipantRecord, b: ParticipantRecord): number =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function memoryParticipants(clock: Clock): ParticipantRepository {
  // A Map iterates in insertion order, which is creation order.
  const byId = new Map<string, ParticipantRecord>();
  const idByPair = new Map<string, string>();

  const replace = (current: ParticipantRecord, changes: Partial<ParticipantRecord>): ParticipantRecord => {
    const updated: ParticipantRecord = { ...current, ...changes, updatedAt: clock() };
    byId.set(current.id, updated);
    return structuredClone(updated);
  };

  const ofOrganization = (organizationBin: string): ParticipantRecord[] =>
    [...byId.values()].filter((record) => record.organizationBin === organizationBin);

  return {
    async add(participant) {
      const pair = pairKey(participant.organizationBin, participant.iin);
      if (idByPair.has(pair)) throw new DuplicateError('participant');
      const now = clock();
      const record: ParticipantRecord = { ...structuredClone(participant), id: randomUUID(), createdAt: now, updatedAt: now };
      byId.set(record.id, record);
      idByPair.set(pair, record.id);
      return structuredClone(record);
    },

    async find(organizationBin, iin) {
      const id = idByPair.get(pairKey(organizationBin, iin));
      const record = id === undefined ? undefined : byId.get(id);
      return record ? structuredClone(record) : null;
    },

    async findById(id) {
      const record = byId.get(id);
      return record ? structuredClone(record) : null;
    },

    async listByIin(iin) {
      return [...byId.values()].filter((record) => record.iin === iin).map((record) => structuredClone(record));
    },

    async listByOrganization(organizationBin, { offset, limit }) {
      const all = ofOrganization(organizationBin).sort(lastChangedFirst);
      return { items: all.slice(offset, offset + Math.max(limit, 0)).map((record) => structuredClone(record)), total: all.length };
    },

    async countByRole(organizationBin, role, status) {
      return ofOrganization(organizationBin).filter((record) => record.role === role && record.status === status).length;
    },

    async changeStatus(id, from, to) {
      const current = byId.get(id);
      if (!current || current.status !== from) return null;
      return replace(current, { status: to });
    },

    async changeIin(id, iin, role) {
      const current = byId.get(id);
      if (!current || current.status !== 'added') return null;
      const pair = pairKey(current.organizationBin, iin);
      const owner = idByPair.get(pair);
      if (owner !== undefined && owner !== id) throw new DuplicateError('participant');
      idByPair.delete(pairKey(current.organizationBin, current.iin));
      idByPair.set(pair, id);
      return replace(current, role === undefined ? { iin } : { iin, role });
    },

    async changeRole(id, role) {
      const current = byId.get(id);
      return current ? replace(current, { role }) : null;
    },
  };
}
