import type { UserRecord } from '../store.ts';
import { type AddressInput, readAddress } from './address.ts';
import type { ProfileDependencies } from './dependencies.ts';
import { type PersonalDataInput, readPersonalData } from './personal-data.ts';
import { ProfileError } from './profile-error.ts';

type Saving = Pick<ProfileDependencies, 'store' | 'clock'>;

const saved = (user: UserRecord | null): UserRecord => {
  if (!user) throw new ProfileError('profile.stale', 'the account is gone');
  return user;
};

/** «Личные данные»: all fields at once, checked as a whole (see readPersonalData). */
export async function savePersonalData(deps: Saving, user: UserRecord, input: PersonalDataInput, ip: string | null): Promise<UserRecord> {
  const personalData = readPersonalData(input, user.iin, deps.clock());
  const updated = saved(await deps.store.users.update(user.id, { personalData }));
  await deps.store.audit.record({ at: deps.clock(), type: 'profile.personal_data_saved', userId: user.id, ip, details: {} });
  return updated;
}

/** «Адрес», from then on the `address` claim of every token issued for the account. */
export async function saveAddress(deps: Saving, user: UserRecord, input: AddressInput, ip: string | null): Promise<UserRecord> {
  const address = readAddress(input);
  const updated = saved(await deps.store.users.update(user.id, { address }));
  await deps.store.audit.record({ at: deps.clock(), type: 'profile.address_saved', userId: user.id, ip, details: { region: address.region } });
  return updated;
}
