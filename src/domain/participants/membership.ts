import { DuplicateError, type ParticipantRecord, type Store } from '../store.ts';
import { HEAD_ROLE } from './roles.ts';

type MembershipStore = Pick<Store, 'organizations' | 'participants' | 'audit'>;

export interface Member {
  readonly bin: string;
  readonly iin: string;
  readonly userId: string;
  readonly ip: string | null;
  readonly at: Date;
}

/** Statuses a head set that the person's registration or sign-in with the company's key turns into «Зарегистрирован». */
const AWAITING = new Set(['added', 'restored']);

/**
 * «Добавлен» or «Восстановлен» → «Зарегистрирован», as the person registers or signs in with the company's key;
 * compare-and-set, so a head excluding them at the same instant wins. Returns the participant as it now is.
 */
export async function activateParticipant(store: MembershipStore, member: Member): Promise<ParticipantRecord | null> {
  const participant = await store.participants.find(member.bin, member.iin);
  if (!participant || !AWAITING.has(participant.status)) return participant;
  const registered = await store.participants.changeStatus(participant.id, participant.status, 'registered');
  if (!registered) return store.participants.find(member.bin, member.iin);
  await store.audit.record({
    at: member.at, type: 'participant.registered', userId: member.userId, ip: member.ip, organizationBin: member.bin,
    details: { bin: member.bin, iin: member.iin, from: participant.status },
  });
  return registered;
}

/**
 * A first head or signing-right holder (by the certificate) administers their company: the company is registered
 * (its name from the certificate) and they become a registered participant with the role 'head'. A person the
 * company's administrators excluded stays excluded: null.
 */
export async function enrollAdministrator(store: MembershipStore, member: Member & { readonly name: string }): Promise<ParticipantRecord | null> {
  const known = await store.organizations.findByBin(member.bin);
  await store.organizations.upsert({ bin: member.bin, name: member.name });
  if (!known) {
    await store.audit.record({
      at: member.at, type: 'organization.registered', userId: member.userId, ip: member.ip, organizationBin: member.bin,
      details: { bin: member.bin, name: member.name },
    });
  }
  let participant = await store.participants.find(member.bin, member.iin);
  if (!participant) {
    try {
      participant = await store.participants.add({ organizationBin: member.bin, iin: member.iin, role: HEAD_ROLE, status: 'registered' });
      await store.audit.record({
        at: member.at, type: 'participant.registered', userId: member.userId, ip: member.ip, organizationBin: member.bin,
        details: { bin: member.bin, iin: member.iin, role: HEAD_ROLE },
      });
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      participant = await store.participants.find(member.bin, member.iin);
    }
  } else {
    participant = await activateParticipant(store, member);
  }
  return participant?.status === 'registered' ? participant : null;
}
