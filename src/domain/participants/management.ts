/**
 * «Участники ЮЛ» (DESIGN.md, Personal cabinet): a company's administrators add, edit, exclude and restore its
 * participants; every change goes to the company's audit log. Refusals are ParticipantError. An administrator's role
 * comes from their certificate, so a 'head' participant is not edited ('participant.head_role'); an actor the company
 * no longer counts (excluded a moment ago by another administrator) is 'participant.not_administrator'; a stale
 * «Исключить»/«Восстановить» is 'participant.status_changed'.
 */
import { DuplicateError, type AuditEvent, type Page, type ParticipantRecord, type Store } from '../store.ts';
import type { RevokeCompanyAccess } from './company-access.ts';
import { isValidKzId } from './kz-id.ts';
import { ParticipantError } from './participant-error.ts';
import { HEAD_ROLE, type ParticipantRoles } from './roles.ts';

/** The administrator acting: their account, their IIN, the company (BIN) they act for, where from. */
export interface ParticipantActor {
  readonly userId: string;
  readonly iin: string;
  readonly bin: string;
  readonly ip: string | null;
}

/** The table's page sizes (DESIGN.md, «Участники ЮЛ»). */
export const PARTICIPANTS_PER_PAGE = [10, 20, 50] as const;
export type ParticipantsPerPage = (typeof PARTICIPANTS_PER_PAGE)[number];

export interface ParticipantManagement {
  list(bin: string, page: { page: number; perPage: ParticipantsPerPage }): Promise<Page<ParticipantRecord>>;
  add(actor: ParticipantActor, input: { iin: string; role: string }): Promise<ParticipantRecord>;
  /** The IIN only while «Добавлен»; the role at any time (not an administrator's). */
  edit(actor: ParticipantActor, participantId: string, input: { iin?: string; role: string }): Promise<ParticipantRecord>;
  exclude(actor: ParticipantActor, participantId: string): Promise<ParticipantRecord>;
  restore(actor: ParticipantActor, participantId: string): Promise<ParticipantRecord>;
  /** The company's audit log, newest first. */
  history(bin: string, limit: number): Promise<readonly AuditEvent[]>;
}

export interface ParticipantManagementDependencies {
  readonly store: Pick<Store, 'participants' | 'audit' | 'users'>;
  readonly roles: ParticipantRoles;
  /** NCA TEST certificates carry IINs that fail the check digit (kz-pki.md §2.1): test mode takes any 12 digits. */
  readonly testMode: boolean;
  readonly revokeCompanyAccess: RevokeCompanyAccess;
  readonly clock: () => Date;
}

const isAdministrator = (participant: ParticipantRecord): boolean => participant.role === HEAD_ROLE && participant.status === 'registered';

type Snapshot = Pick<ParticipantRecord, 'iin' | 'role' | 'status'>;

/** Before and after as flat fields, which every store keeps and filters alike. */
function change(before: Snapshot | null, after: Snapshot) {
  return {
    iinBefore: before?.iin ?? null,
    roleBefore: before?.role ?? null,
    statusBefore: before?.status ?? null,
    iinAfter: after.iin,
    roleAfter: after.role,
    statusAfter: after.status,
  };
}

export function participantManagement(deps: ParticipantManagementDependencies): ParticipantManagement {
  const { store, roles } = deps;

  const audit = (actor: ParticipantActor, type: string, participant: ParticipantRecord, details: AuditEvent['details']) =>
    store.audit.record({
      at: deps.clock(), type, userId: actor.userId, ip: actor.ip, organizationBin: actor.bin,
      details: { participantId: participant.id, actorIin: actor.iin, ...details },
    });

  /** The cabinet let the actor in by their certificate; the store says whether the company still counts them. */
  const authorize = async (actor: ParticipantActor): Promise<void> => {
    const own = await store.participants.find(actor.bin, actor.iin);
    if (own?.status !== 'registered') throw new ParticipantError('participant.not_administrator', `${actor.iin} administers no ${actor.bin}`);
  };

  /** Another company's participant is as unknown as a made-up id: the answer never tells them apart. */
  const participantOf = async (actor: ParticipantActor, participantId: string): Promise<ParticipantRecord> => {
    const participant = await store.participants.findById(participantId);
    if (!participant || participant.organizationBin !== actor.bin) throw new ParticipantError('participant.not_found', `no participant ${participantId} in ${actor.bin}`);
    return participant;
  };

  const checkedIin = (input: string): string => {
    const iin = input.trim();
    if (!/^\d{12}$/.test(iin) || !(deps.testMode || isValidKzId(iin))) throw new ParticipantError('participant.iin_invalid', 'not a valid IIN');
    return iin;
  };

  const checkedRole = (role: string): string => {
    if (!roles.isAssignable(role)) throw new ParticipantError('participant.role_unknown', `role ${role} is not configured`);
    return role;
  };

  const duplicate = (error: unknown, iin: string): never => {
    if (error instanceof DuplicateError) throw new ParticipantError('participant.duplicate', 'the IIN is on the list already', { iin });
    throw error;
  };

  const statusChanged = (participant: ParticipantRecord): ParticipantError =>
    new ParticipantError('participant.status_changed', `${participant.id} is no longer ${participant.status}`);

  const administrators = (bin: string) => store.participants.countByRole(bin, HEAD_ROLE, 'registered');

  /**
   * Excludes, keeping at least one registered administrator. Two administrators excluding each other at once would
   * both pass a check made before their writes, so the count is taken again after this write, which is atomic on its
   * own (compare-and-set on the status): seeing none, this exclusion is undone. Every interleaving leaves one
   * administrator; at worst both attempts are refused.
   */
  const excludeKeepingAnAdministrator = async (participant: ParticipantRecord): Promise<ParticipantRecord> => {
    const wasAdministrator = isAdministrator(participant);
    const lastAdministrator = () => new ParticipantError('participant.last_administrator', `${participant.iin} is the last administrator of ${participant.organizationBin}`);
    if (wasAdministrator && (await administrators(participant.organizationBin)) <= 1) throw lastAdministrator();
    const excluded = await store.participants.changeStatus(participant.id, participant.status, 'excluded');
    if (!excluded) throw statusChanged(participant);
    if (wasAdministrator && (await administrators(participant.organizationBin)) === 0) {
      await store.participants.changeStatus(participant.id, 'excluded', participant.status);
      throw lastAdministrator();
    }
    return excluded;
  };

  /** Access the person holds for the company ends with the exclusion; what it did is audited, it never undoes it. */
  const revokeAccess = async (actor: ParticipantActor, participant: ParticipantRecord): Promise<void> => {
    const account = await store.users.findByIin(participant.iin);
    if (!account) return;
    const outcome = await deps.revokeCompanyAccess({ accountId: account.id, bin: participant.organizationBin });
    await audit(actor, 'participant.access_revoked', participant, {
      accountId: account.id,
      revoked: outcome.revoked,
      failed: outcome.failed,
      notified: outcome.notified.join(','),
      unreachable: outcome.unreachable.join(','),
    });
  };

  return {
    async list(bin, { page, perPage }) {
      const pageNumber = Number.isSafeInteger(page) && page > 0 ? page : 1;
      return store.participants.listByOrganization(bin, { offset: (pageNumber - 1) * perPage, limit: perPage });
    },

    async add(actor, input) {
      const iin = checkedIin(input.iin);
      const role = checkedRole(input.role);
      await authorize(actor);
      const added = await store.participants.add({ organizationBin: actor.bin, iin, role, status: 'added' }).catch((error: unknown) => duplicate(error, iin));
      await audit(actor, 'participant.added', added, change(null, added));
      return added;
    },

    async edit(actor, participantId, input) {
      await authorize(actor);
      const current = await participantOf(actor, participantId);
      if (current.role === HEAD_ROLE) throw new ParticipantError('participant.head_role', `${current.id} is an administrator`);
      const role = checkedRole(input.role);
      const newIin = input.iin === undefined || input.iin.trim() === current.iin ? undefined : input.iin;
      if (newIin !== undefined && current.status !== 'added') throw new ParticipantError('participant.iin_locked', `${current.id} is ${current.status}`);
      const iin = newIin === undefined ? undefined : checkedIin(newIin);
      const newRole = role === current.role ? undefined : role;
      let updated = current;
      if (iin !== undefined) {
        // One write for both, so that a failure between two writes cannot leave a new IIN with the old role, unaudited.
        const changed = await store.participants.changeIin(current.id, iin, newRole).catch((error: unknown) => duplicate(error, iin));
        if (!changed) throw statusChanged(current);
        updated = changed;
      } else if (newRole !== undefined) {
        updated = (await store.participants.changeRole(current.id, newRole)) ?? updated;
      }
      if (updated !== current) await audit(actor, 'participant.edited', updated, change(current, updated));
      return updated;
    },

    async exclude(actor, participantId) {
      await authorize(actor);
      const current = await participantOf(actor, participantId);
      if (current.iin === actor.iin) throw new ParticipantError('participant.self', 'an administrator cannot exclude themselves');
      if (current.status === 'excluded') throw statusChanged(current);
      const excluded = await excludeKeepingAnAdministrator(current);
      await audit(actor, 'participant.excluded', excluded, change(current, excluded));
      await revokeAccess(actor, excluded);
      return excluded;
    },

    async restore(actor, participantId) {
      await authorize(actor);
      const current = await participantOf(actor, participantId);
      if (current.status !== 'excluded') throw statusChanged(current);
      const restored = await store.participants.changeStatus(current.id, 'excluded', 'restored');
      if (!restored) throw statusChanged(current);
      await audit(actor, 'participant.restored', restored, change(current, restored));
      return restored;
    },

    async history(bin, limit) {
      return store.audit.listByOrganization(bin, limit);
    },
  };
}
