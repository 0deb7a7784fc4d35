import type { Locale } from '../../pki/messages.ts';
import type { PostalAddress } from '../store.ts';
import { FormProblems } from './form-fields.ts';
import { ProfileError } from './profile-error.ts';
import { KZ_REGIONS, isRegionKey } from './regions.ts';

/** The «Адрес» form as submitted. */
export interface AddressInput {
  readonly region: string;
  readonly locality: string;
  readonly street: string;
  readonly house: string;
  readonly apartment: string;
  readonly postalCode: string;
}

/**
 * The address of the form, or every problem it has. A city of republican significance is its own settlement, so its
 * «Населённый пункт» may stay empty.
 */
export function readAddress(input: AddressInput): PostalAddress {
  const problems = new FormProblems();
  const region = isRegionKey(input.region) ? KZ_REGIONS[input.region] : undefined;
  if (!region) problems.add('region', new ProfileError('profile.region_unknown'));
  const locality = problems.text('locality', input.locality, 100, Boolean(region?.city));
  const street = problems.text('street', input.street, 150);
  const house = problems.text('house', input.house, 20);
  const apartment = problems.text('apartment', input.apartment, 20, true);
  const postalCode = input.postalCode.replace(/\s/g, '');
  if (!/^\d{6}$/.test(postalCode)) problems.add('postalCode', new ProfileError(postalCode ? 'profile.postal_code_invalid' : 'profile.required'));
  problems.check();
  return {
    region: input.region,
    locality: locality ?? region!.city!,
    street: street!,
    house: house!,
    apartment,
    postalCode,
    country: 'KZ',
  };
}

/** «10» is a house number and gets its «д.»; «корпус 2» or «оф. 301» are kept as written. */
const numbered = (prefix: string, value: string) => (/^\d/.test(value) ? `${prefix} ${value}` : value);

const COUNTRY: Readonly<Record<Locale, string>> = { ru: 'Казахстан', kk: 'Қазақстан', en: 'Kazakhstan' };

const streetOf = (address: PostalAddress) =>
  [address.street, numbered('д.', address.house), ...(address.apartment ? [numbered('кв.', address.apartment)] : [])].join(', ');

/**
 * The address a line each from the street up to the country, as an envelope is addressed; a city of republican
 * significance is not named twice. Region and country in the reader's language, the rest as the person wrote it.
 */
export function addressLines(address: PostalAddress, locale: Locale): readonly string[] {
  const region = isRegionKey(address.region) ? KZ_REGIONS[address.region] : undefined;
  const cityItself = region !== undefined && region.city === address.locality;
  const settlement = cityItself ? [region[locale]] : [address.locality, ...(region ? [region[locale]] : [])];
  return [streetOf(address), ...settlement, address.postalCode, COUNTRY[locale]];
}

/** The OIDC `address` claim (OpenID Connect Core 1.0, 5.1.1), in Russian like the documents portals fill from it. */
export function addressClaim(address: PostalAddress): Readonly<Record<string, string>> {
  const region = isRegionKey(address.region) ? KZ_REGIONS[address.region] : undefined;
  return {
    formatted: addressLines(address, 'ru').join('\n'),
    street_address: streetOf(address),
    locality: address.locality,
    ...(region ? { region: region.ru } : {}),
    postal_code: address.postalCode,
    country: address.country,
  };
}
