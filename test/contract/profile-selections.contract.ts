import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/domain/sign-in/profiles.ts';
import { freshStore, type StoreFactory } from './store-under-test.ts';

const COMPANY: Profile = { type: 'legal_entity', bin: '150440001234', name: 'ТОО "АЛЬФА"', roles: ['Декларант', 'first_head'] };
const INDIVIDUAL: Profile = { type: 'individual', bin: null, name: 'Физическое лицо', roles: [] };

export function profileSelectionsContract(factory: StoreFactory): void {
  describe('profile selections', () => {
    const fresh = freshStore(factory);
    const inAnHour = () => new Date(fresh.clock.now().getTime() + 3_600_000);

    it('keeps one choice per session and client; a new choice replaces it', async () => {
      const { profileSelections } = fresh.store;
      await profileSelections.save('session-1', 'keden', COMPANY, inAnHour());
      await profileSelections.save('session-1', 'knp', INDIVIDUAL, inAnHour());
      expect(await profileSelections.find('session-1', 'keden')).toEqual(COMPANY);
      expect(await profileSelections.find('session-1', 'knp')).toEqual(INDIVIDUAL);
      expect(await profileSelections.find('session-2', 'keden')).toBeNull();
      await profileSelections.save('session-1', 'keden', INDIVIDUAL, inAnHour());
      expect(await profileSelections.find('session-1', 'keden')).toEqual(INDIVIDUAL);
    });

    it('forgets a choice when it expires, and hands out copies', async () => {
      const { profileSelections } = fresh.store;
      await profileSelections.save('session-3', 'keden', COMPANY, new Date(fresh.clock.now().getTime() + 1000));
      const found = await profileSelections.find('session-3', 'keden');
      (found!.roles as string[]).push('tampered');
      expect((await profileSelections.find('session-3', 'keden'))!.roles).toEqual(COMPANY.roles);
      fresh.clock.advance(1001);
      expect(await profileSelections.find('session-3', 'keden')).toBeNull();
    });
  });
}
