import type { Profile } from '../sign-in/profiles.ts';
import { ADMINISTRATOR_ROLES } from '../registration/registrant.ts';

/**
 * The company a profile may administer («Участники ЮЛ»): a company profile whose roles include first head or signing
 * right, which only the certificate of this very sign-in can contribute. Null for anyone else.
 */
export function administeredCompany(profile: Profile): string | null {
  if (profile.type !== 'legal_entity' || !profile.bin) return null;
  return profile.roles.some((role) => ADMINISTRATOR_ROLES.includes(role)) ? profile.bin : null;
}
