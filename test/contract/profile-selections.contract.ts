import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/domain/sign-in/profiles.ts';
import type { ProfileSelection } from '../../src/domain/store.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const COMPANY: Profile = { type: 'legal_entity', bin: '150440001234', name: 'ТОО "АЛЬФА"', roles: ['declarant', 'first_head'] };
const OTHER_COMPANY: Profile = { type: 'legal_entity', bin: '160540002345', name: 'АО "БЕТА"', roles: ['head'] };
const INDIVIDUAL: Profile = { type: 'individual', bin: null, name: 'Физическое лицо', roles: [] };

export function profileSelectionsContract(factory: StoreFactory): void {
  describe('profile selections', () => {
    const fresh = freshStore(factory);
    const inAnHour = () => new Date(fresh.clock.now().getTime() + 3_600_000);
    const selection = (sessionUid: string, clientId: string, profile: Profile, accountId = 'account-1', expiresAt = inAnHour()): ProfileSelection =>
      ({ sessionUid, clientId, accountId, profile, expiresAt });

    it('keeps one choice per session and client; a new choice replaces it', async () => {
      const { profileSelections } = fresh.store;
      await profileSelections.save(selection('session-1', 'keden', COMPANY));
      await profileSelections.save(selection('session-1', 'knp', INDIVIDUAL));
      expect(await profileSelections.find('session-1', 'keden')).toEqual(COMPANY);
      expect(await profileSelections.find('session-1', 'knp')).toEqual(INDIVIDUAL);
      expect(await profileSelections.find('session-2', 'keden')).toBeNull();
      await profileSelections.save(selection('session-1', 'keden', INDIVIDUAL));
      expect(await profileSelections.find('session-1', 'keden')).toEqual(INDIVIDUAL);
    });

    it('forgets a choice when it expires, and hands out copies', async () => {
      const { profileSelections } = fresh.store;
      await profileSelections.save(selection('session-3', 'keden', COMPANY, 'account-1', new Date(fresh.clock.now().getTime() + 1000)));
      const found = await profileSelections.find('session-3', 'keden');
      (found!.roles as string[]).push('tampered');
      expect((await profileSelections.find('session-3', 'keden'))!.roles).toEqual(COMPANY.roles);
      fresh.clock.advance(1001);
      expect(await profileSelections.find('session-3', 'keden')).toBeNull();
      expect(await profileSelections.listByAccount('account-1')).toEqual([]);
    });

    it("lists an account's unexpired choices in every session and at every client", async () => {
      const { profileSelections } = fresh.store;
      const soon = new Date(fresh.clock.now().getTime() + 1000);
      const mine = [
        selection('session-1', 'keden', COMPANY),
        selection('session-1', 'kilt-account', COMPANY),
        selection('session-2', 'keden', OTHER_COMPANY),
        selection('session-3', 'knp', INDIVIDUAL),
      ];
      for (const chosen of mine) await profileSelections.save(chosen);
      await profileSelections.save(selection('session-4', 'keden', COMPANY, 'account-1', soon));
      await profileSelections.save(selection('session-5', 'keden', COMPANY, 'account-2'));
      fresh.clock.advance(1001);
      const listed = await profileSelections.listByAccount('account-1');
      expect(listed).toHaveLength(mine.length);
      expect(listed).toEqual(expect.arrayContaining(mine));
      expect(await profileSelections.listByAccount('account-3')).toEqual([]);
      (listed[0]!.profile.roles as string[]).push('tampered');
      expect(await profileSelections.listByAccount('account-1')).toEqual(expect.arrayContaining(mine));
    });

    it('removes one choice, leaving the same session at other clients', async () => {
      const { profileSelections } = fresh.store;
      await profileSelections.save(selection('session-1', 'keden', COMPANY));
      await profileSelections.save(selection('session-1', 'kilt-account', COMPANY));
      await profileSelections.remove('session-1', 'keden');
      await profileSelections.remove('session-9', 'keden');
      expect(await profileSelections.find('session-1', 'keden')).toBeNull();
      expect(await profileSelections.find('session-1', 'kilt-account')).toEqual(COMPANY);
      expect(await profileSelections.listByAccount('account-1')).toEqual([selection('session-1', 'kilt-account', COMPANY)]);
    });
  });
}
