import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/adapters/memory/index.ts';
import { localizedMessage } from '../../../src/domain/messages.ts';
import type { CompanyAccessRevocation } from '../../../src/domain/participants/company-access.ts';
import { type ParticipantActor, type ParticipantManagement, participantManagement } from '../../../src/domain/participants/management.ts';
import { ParticipantError } from '../../../src/domain/participants/participant-error.ts';
import { participantRoles } from '../../../src/domain/participants/roles.ts';
import type { ParticipantRecord, ParticipantStatus, Store } from '../../../src/domain/store.ts';
import { makeBin, makeIin } from '../../support/pki/kz-id.ts';

const BIN = makeBin('2015-04', 1234);
const OTHER_BIN = makeBin('2016-05', 2345);
const ROLES = participantRoles([
  { code: 'declarant', label: 'Декларант' },
  { code: 'accountant', label: 'Бухгалтер' },
]);

let serial = 0;
const nextIin = () => makeIin('1990-05-15', 'male', (serial += 1));

async function refusal(promise: Promise<unknown>): Promise<ParticipantError> {
  const error = await promise.then(() => undefined, (rejection: unknown) => rejection);
  if (!(error instanceof ParticipantError)) throw new Error(`expected a ParticipantError, got ${String(error)}`);
  return error;
}

describe('«Участники ЮЛ»: managing a company’s participants', () => {
  let now: Date;
  let store: Store;
  let revocations: { accountId: string; bin: string }[];
  let revocationOutcome: () => Promise<CompanyAccessRevocation>;
  let head: ParticipantRecord;
  let actor: ParticipantActor;

  const manage = (testMode = false): ParticipantManagement =>
    participantManagement({
      store,
      roles: ROLES,
      testMode,
      clock: () => now,
      async revokeCompanyAccess(access) {
        revocations.push(access);
        return revocationOutcome();
      },
    });

  const participant = (status: ParticipantStatus, role = 'declarant', bin = BIN) =>
    store.participants.add({ organizationBin: bin, iin: nextIin(), role, status });

  /** A person who has an account (so there is access to end) and is a registered participant. */
  const employee = async () => {
    const user = await store.users.create({
      email: `employee${serial}@example.kz`, emailConfirmedAt: now, passwordHash: 'x', iin: nextIin(), surname: null, givenName: null,
      patronymic: null, phone: null, locale: 'ru', lockedUntil: null, unconfirmedUntil: null,
    });
    return { user, registered: await store.participants.add({ organizationBin: BIN, iin: user.iin, role: 'declarant', status: 'registered' }) };
  };

  const companyLog = async () => (await manage().history(BIN, 50)).map(({ type, userId, ip, organizationBin, details }) => ({ type, userId, ip, organizationBin, details }));

  beforeEach(async () => {
    now = new Date('2026-03-01T09:00:00Z');
    store = createMemoryStore({ clock: () => now });
    revocations = [];
    revocationOutcome = async () => ({ revoked: 2, failed: 0, notified: ['keden'], unreachable: ['knp'] });
    head = await participant('registered', 'head');
    actor = { userId: 'head-user', iin: head.iin, bin: BIN, ip: '203.0.113.7' };
  });

  describe('add', () => {
    it('adds «Добавлен» with a configured role, and logs who, what and when', async () => {
      const iin = nextIin();
      const added = await manage().add(actor, { iin: ` ${iin} `, role: 'declarant' });
      expect(added).toMatchObject({ organizationBin: BIN, iin, role: 'declarant', status: 'added' });
      expect(await companyLog()).toEqual([{
        type: 'participant.added', userId: 'head-user', ip: '203.0.113.7', organizationBin: BIN,
        details: {
          participantId: added.id, actorIin: head.iin,
          iinBefore: null, roleBefore: null, statusBefore: null, iinAfter: iin, roleAfter: 'declarant', statusAfter: 'added',
        },
      }]);
    });

    it('refuses an IIN that is not 12 digits or fails the check digit; test mode forgives only the check digit', async () => {
      const valid = nextIin();
      const wrongCheckDigit = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
      for (const iin of ['', '12345', `${valid}1`, 'abcdefghijkl', wrongCheckDigit, '000813159890']) {
        expect((await refusal(manage().add(actor, { iin, role: 'declarant' }))).code, iin).toBe('participant.iin_invalid');
      }
      expect(await manage(true).add(actor, { iin: '123456789011', role: 'declarant' })).toMatchObject({ iin: '123456789011' });
      expect((await refusal(manage(true).add(actor, { iin: '1234567890', role: 'declarant' }))).code).toBe('participant.iin_invalid');
    });

    it('refuses a role that is not configured, the administrators’ own among them', async () => {
      for (const role of ['head', 'Декларант', 'broker', '']) {
        expect((await refusal(manage().add(actor, { iin: nextIin(), role }))).code, role).toBe('participant.role_unknown');
      }
    });

    it('refuses an IIN already on the list, whatever its status, and says which', async () => {
      const excluded = await participant('excluded');
      const error = await refusal(manage().add(actor, { iin: excluded.iin, role: 'accountant' }));
      expect(error.code).toBe('participant.duplicate');
      expect(localizedMessage(error, 'ru')).toBe(`Участник с ИИН ${excluded.iin} уже есть в списке участников ЮЛ.`);
    });

    it('refuses an actor the company no longer counts as a registered participant', async () => {
      await store.participants.changeStatus(head.id, 'registered', 'excluded');
      expect((await refusal(manage().add(actor, { iin: nextIin(), role: 'declarant' }))).code).toBe('participant.not_administrator');
      const stranger = { ...actor, iin: nextIin() };
      expect((await refusal(manage().add(stranger, { iin: nextIin(), role: 'declarant' }))).code).toBe('participant.not_administrator');
      expect(await companyLog()).toEqual([]);
    });
  });

  describe('list and history', () => {
    it('pages through the company, last changed first, with the total', async () => {
      const added: ParticipantRecord[] = [];
      for (let index = 0; index < 12; index += 1) {
        now = new Date(now.getTime() + 1000);
        added.push(await participant('added'));
      }
      await participant('added', 'declarant', OTHER_BIN);
      const newestFirst = [...added].reverse();
      expect(await manage().list(BIN, { page: 1, perPage: 10 })).toEqual({ items: newestFirst.slice(0, 10), total: 13 });
      expect(await manage().list(BIN, { page: 2, perPage: 10 })).toEqual({ items: [...newestFirst.slice(10), head], total: 13 });
      expect(await manage().list(BIN, { page: 3, perPage: 10 })).toEqual({ items: [], total: 13 });
      expect(await manage().list(BIN, { page: 0, perPage: 20 })).toEqual({ items: [...newestFirst, head], total: 13 });
      now = new Date(now.getTime() + 1000);
      const moved = await manage().edit(actor, added[0]!.id, { role: 'accountant' });
      expect((await manage().list(BIN, { page: 1, perPage: 10 })).items[0]).toEqual(moved);
    });

    it("keeps the company's log apart from other companies'", async () => {
      const otherHead = await participant('registered', 'head', OTHER_BIN);
      await manage().add({ ...actor, iin: otherHead.iin, bin: OTHER_BIN, userId: 'other-head' }, { iin: nextIin(), role: 'declarant' });
      now = new Date(now.getTime() + 1000);
      const added = await manage().add(actor, { iin: nextIin(), role: 'declarant' });
      now = new Date(now.getTime() + 1000);
      await manage().exclude(actor, added.id);
      expect((await manage().history(BIN, 10)).map((event) => event.type)).toEqual(['participant.excluded', 'participant.added']);
      expect((await manage().history(BIN, 1)).map((event) => event.type)).toEqual(['participant.excluded']);
      expect((await manage().history(OTHER_BIN, 10)).map((event) => event.userId)).toEqual(['other-head']);
    });
  });

  describe('edit', () => {
    it('corrects the IIN and the role while «Добавлен», logging before and after', async () => {
      const added = await manage().add(actor, { iin: nextIin(), role: 'declarant' });
      const corrected = nextIin();
      const edited = await manage().edit(actor, added.id, { iin: corrected, role: 'accountant' });
      expect(edited).toMatchObject({ id: added.id, iin: corrected, role: 'accountant', status: 'added' });
      expect((await companyLog())[0]).toEqual({
        type: 'participant.edited', userId: 'head-user', ip: '203.0.113.7', organizationBin: BIN,
        details: {
          participantId: added.id, actorIin: head.iin,
          iinBefore: added.iin, roleBefore: 'declarant', statusBefore: 'added', iinAfter: corrected, roleAfter: 'accountant', statusAfter: 'added',
        },
      });
    });

    it('writes an IIN and role correction at once, so a store failing between two writes cannot leave half of it', async () => {
      const added = await participant('added');
      store = { ...store, participants: { ...store.participants, changeRole: () => Promise.reject(new Error('the store went away')) } };
      const corrected = nextIin();
      expect(await manage().edit(actor, added.id, { iin: corrected, role: 'accountant' })).toMatchObject({ iin: corrected, role: 'accountant' });
      expect(await store.participants.findById(added.id)).toMatchObject({ iin: corrected, role: 'accountant' });
      expect((await companyLog())[0]?.type).toBe('participant.edited');
    });

    it('changes only the role once the participant has registered', async () => {
      for (const status of ['registered', 'excluded', 'restored'] as const) {
        const existing = await participant(status);
        expect(await manage().edit(actor, existing.id, { iin: existing.iin, role: 'accountant' })).toMatchObject({ iin: existing.iin, role: 'accountant', status });
        expect((await refusal(manage().edit(actor, existing.id, { iin: nextIin(), role: 'accountant' }))).code, status).toBe('participant.iin_locked');
        expect((await store.participants.findById(existing.id))?.iin).toBe(existing.iin);
      }
    });

    it('refuses an invalid or duplicate IIN and an unknown role, changing nothing', async () => {
      const added = await participant('added');
      const other = await participant('added');
      expect((await refusal(manage().edit(actor, added.id, { iin: '123456789011', role: 'declarant' }))).code).toBe('participant.iin_invalid');
      expect((await refusal(manage().edit(actor, added.id, { iin: other.iin, role: 'declarant' }))).code).toBe('participant.duplicate');
      expect((await refusal(manage().edit(actor, added.id, { iin: nextIin(), role: 'head' }))).code).toBe('participant.role_unknown');
      expect(await store.participants.findById(added.id)).toEqual(added);
      expect(await companyLog()).toEqual([]);
    });

    it('changes nothing and logs nothing when nothing differs', async () => {
      const added = await participant('added');
      expect(await manage().edit(actor, added.id, { iin: added.iin, role: 'declarant' })).toEqual(added);
      expect(await manage().edit(actor, added.id, { role: 'declarant' })).toEqual(added);
      expect(await companyLog()).toEqual([]);
    });

    it("leaves an administrator's role to their certificate", async () => {
      const otherHead = await participant('registered', 'head');
      expect((await refusal(manage().edit(actor, otherHead.id, { role: 'declarant' }))).code).toBe('participant.head_role');
      expect((await refusal(manage().edit(actor, head.id, { role: 'declarant' }))).code).toBe('participant.head_role');
    });

    it("answers another company's participant exactly as an unknown one", async () => {
      const elsewhere = await participant('added', 'declarant', OTHER_BIN);
      for (const id of [elsewhere.id, 'no-such-id']) {
        const error = await refusal(manage().edit(actor, id, { role: 'accountant' }));
        expect(error.code).toBe('participant.not_found');
        expect(localizedMessage(error, 'ru')).toBe('Участник не найден. Обновите страницу.');
        expect((await refusal(manage().exclude(actor, id))).code).toBe('participant.not_found');
        expect((await refusal(manage().restore(actor, id))).code).toBe('participant.not_found');
      }
      expect(await store.participants.findById(elsewhere.id)).toEqual(elsewhere);
    });
  });

  describe('exclude and restore', () => {
    it('excludes from any other status, ends the access the person holds for the company and logs both', async () => {
      const { user, registered } = await employee();
      const excluded = await manage().exclude(actor, registered.id);
      expect(excluded).toMatchObject({ id: registered.id, status: 'excluded' });
      expect(revocations).toEqual([{ accountId: user.id, bin: BIN }]);
      expect(await companyLog()).toEqual([
        {
          type: 'participant.access_revoked', userId: 'head-user', ip: '203.0.113.7', organizationBin: BIN,
          details: { participantId: registered.id, actorIin: head.iin, accountId: user.id, revoked: 2, failed: 0, notified: 'keden', unreachable: 'knp' },
        },
        {
          type: 'participant.excluded', userId: 'head-user', ip: '203.0.113.7', organizationBin: BIN,
          details: {
            participantId: registered.id, actorIin: head.iin,
            iinBefore: user.iin, roleBefore: 'declarant', statusBefore: 'registered', iinAfter: user.iin, roleAfter: 'declarant', statusAfter: 'excluded',
          },
        },
      ]);
      for (const status of ['added', 'restored'] as const) {
        expect((await manage().exclude(actor, (await participant(status)).id)).status).toBe('excluded');
      }
      // Nobody signed up under those IINs: nothing to revoke.
      expect(revocations).toHaveLength(1);
    });

    it('keeps the exclusion when ending the access fails', async () => {
      const { registered } = await employee();
      revocationOutcome = () => Promise.reject(new Error('store unreachable'));
      await expect(manage().exclude(actor, registered.id)).rejects.toThrow('store unreachable');
      expect((await store.participants.findById(registered.id))?.status).toBe('excluded');
      expect((await companyLog()).map((event) => event.type)).toEqual(['participant.excluded']);
    });

    it('refuses to exclude the actor themselves', async () => {
      expect((await refusal(manage().exclude(actor, head.id))).code).toBe('participant.self');
      expect((await store.participants.findById(head.id))?.status).toBe('registered');
    });

    it('lets one administrator exclude another while one stays, never the last', async () => {
      const second = await participant('registered', 'head');
      expect((await manage().exclude(actor, second.id)).status).toBe('excluded');
      // An administrator by certificate whose participant role is not 'head' is the only one who could try.
      const signer = await participant('registered', 'declarant');
      const signerActor = { ...actor, userId: 'signer', iin: signer.iin };
      const error = await refusal(manage().exclude(signerActor, head.id));
      expect(error.code).toBe('participant.last_administrator');
      expect((await store.participants.findById(head.id))?.status).toBe('registered');
      expect(await store.participants.countByRole(BIN, 'head', 'registered')).toBe(1);
    });

    it('does not count heads who are only restored or added as administrators', async () => {
      await participant('restored', 'head');
      const signer = await participant('registered', 'declarant');
      expect((await refusal(manage().exclude({ ...actor, iin: signer.iin }, head.id))).code).toBe('participant.last_administrator');
    });

    it('answers a stale «Исключить» or «Восстановить» with status_changed', async () => {
      const excluded = await participant('excluded');
      expect((await refusal(manage().exclude(actor, excluded.id))).code).toBe('participant.status_changed');
      for (const status of ['added', 'registered', 'restored'] as const) {
        expect((await refusal(manage().restore(actor, (await participant(status)).id))).code, status).toBe('participant.status_changed');
      }
    });

    it('restores an excluded participant to «Восстановлен», logging it', async () => {
      const excluded = await participant('excluded');
      const restored = await manage().restore(actor, excluded.id);
      expect(restored).toMatchObject({ id: excluded.id, status: 'restored' });
      expect((await companyLog())[0]).toMatchObject({
        type: 'participant.restored', organizationBin: BIN,
        details: { statusBefore: 'excluded', statusAfter: 'restored', actorIin: head.iin, participantId: excluded.id },
      });
    });

    it('refuses every change to an actor excluded meanwhile', async () => {
      const added = await participant('added');
      await store.participants.changeStatus(head.id, 'registered', 'excluded');
      for (const attempt of [
        manage().edit(actor, added.id, { role: 'accountant' }),
        manage().exclude(actor, added.id),
        manage().restore(actor, added.id),
      ]) {
        expect((await refusal(attempt)).code).toBe('participant.not_administrator');
      }
    });
  });
});
