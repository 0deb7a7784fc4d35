import { describe, expect, it } from 'vitest';
import { KiltError } from '../../../src/domain/kilt-error.ts';
import { type AddressInput, addressClaim, addressLines, readAddress } from '../../../src/domain/profile/address.ts';
import { kazakhToday } from '../../../src/domain/kazakh-time.ts';
import { birthDateOfIin, isCalendarDate } from '../../../src/domain/profile/dates.ts';
import { type PersonalDataInput, readPersonalData } from '../../../src/domain/profile/personal-data.ts';
import { ProfileFormError } from '../../../src/domain/profile/profile-error.ts';
import { KZ_REGIONS } from '../../../src/domain/profile/regions.ts';

/** Each refused field and its code, or the value when nothing was refused. */
function outcome<T>(read: () => T): T | Record<string, string> {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ProfileFormError)) throw error;
    return Object.fromEntries(Object.entries(error.problems).map(([field, problem]: [string, KiltError]) => [field, problem.code]));
  }
}

const ADDRESS: AddressInput = { region: 'almaty', locality: 'г. Талгар', street: 'ул. Бокейханова', house: '5', apartment: '', postalCode: '041600' };
const IIN = '900515301201';
const NOW = new Date('2026-03-10T12:00:00Z');
const PERSONAL: PersonalDataInput = { latinSurname: 'Iskakov', latinGivenName: 'Aidar', documentKind: 'id_card', documentNumber: '045678912', documentIssuedOn: '2019-04-12' };

describe('the address form', () => {
  it('tidies what was typed and stores a Kazakh address', () => {
    expect(readAddress({ ...ADDRESS, street: '  ул.   Бокейханова ', apartment: ' 12 ', postalCode: '041 600' })).toEqual({
      region: 'almaty', locality: 'г. Талгар', street: 'ул. Бокейханова', house: '5', apartment: '12', postalCode: '041600', country: 'KZ',
    });
  });

  it('lets a city of republican significance be its own settlement, but not an oblast', () => {
    expect(readAddress({ ...ADDRESS, region: 'astana', locality: ' ' }).locality).toBe('Астана');
    expect(outcome(() => readAddress({ ...ADDRESS, locality: '' }))).toEqual({ locality: 'profile.required' });
  });

  it('names every wrong field at once', () => {
    expect(outcome(() => readAddress({ region: 'moscow', locality: 'x'.repeat(101), street: '', house: '', apartment: 'x'.repeat(21), postalCode: 'A15E3C' }))).toEqual({
      region: 'profile.region_unknown', locality: 'profile.too_long', street: 'profile.required', house: 'profile.required',
      apartment: 'profile.too_long', postalCode: 'profile.postal_code_invalid',
    });
    expect(outcome(() => readAddress({ ...ADDRESS, region: 'constructor', postalCode: '' }))).toEqual({ region: 'profile.region_unknown', postalCode: 'profile.required' });
  });

  it('knows the 17 oblasts and 3 cities, each named in every language', () => {
    const regions = Object.values(KZ_REGIONS);
    expect(regions).toHaveLength(20);
    expect(regions.filter((region) => region.city)).toHaveLength(3);
    for (const region of regions) expect([region.ru, region.kk, region.en].every(Boolean)).toBe(true);
  });
});

describe('the address claim', () => {
  it('is the OIDC address object, formatted a line each from the street to the country', () => {
    expect(addressClaim({ ...readAddress(ADDRESS), apartment: '12' })).toEqual({
      formatted: 'ул. Бокейханова, д. 5, кв. 12\nг. Талгар\nАлматинская область\n041600\nКазахстан',
      street_address: 'ул. Бокейханова, д. 5, кв. 12',
      locality: 'г. Талгар',
      region: 'Алматинская область',
      postal_code: '041600',
      country: 'KZ',
    });
  });

  it('names a city of republican significance once, and keeps a house or office written out as it is', () => {
    const address = readAddress({ ...ADDRESS, region: 'almaty-city', locality: '', street: 'пр. Абая', house: 'корпус 2', apartment: 'оф. 301', postalCode: '050000' });
    expect(addressClaim(address)['formatted']).toBe('пр. Абая, корпус 2, оф. 301\nг. Алматы\n050000\nКазахстан');
    expect(addressClaim(address)).toMatchObject({ locality: 'Алматы', region: 'г. Алматы' });
  });

  it('reads in the page\'s language where it names the region and the country', () => {
    expect(addressLines(readAddress(ADDRESS), 'kk')).toEqual(['ул. Бокейханова, д. 5', 'г. Талгар', 'Алматы облысы', '041600', 'Қазақстан']);
  });
});

describe('the personal data form', () => {
  it('stores the Latin name in capitals, the number without spaces and the date as YYYY-MM-DD', () => {
    expect(readPersonalData({ ...PERSONAL, latinSurname: " o'neil-smith ", documentKind: 'passport', documentNumber: 'n 1234 5678', documentIssuedOn: '12.04.2019' }, IIN, NOW)).toEqual({
      latinSurname: "O'NEIL-SMITH", latinGivenName: 'AIDAR', documentKind: 'passport', documentNumber: 'N12345678', documentIssuedOn: '2019-04-12',
    });
    expect(readPersonalData({ ...PERSONAL, documentKind: 'residence_permit' }, IIN, NOW).documentKind).toBe('residence_permit');
  });

  it('names every wrong field at once', () => {
    expect(outcome(() => readPersonalData({ latinSurname: 'Искаков', latinGivenName: 'A--B', documentKind: 'driver', documentNumber: '', documentIssuedOn: '31.04.2019' }, IIN, NOW))).toEqual({
      latinSurname: 'profile.latin_name_invalid', latinGivenName: 'profile.latin_name_invalid', documentKind: 'profile.document_kind_unknown',
      documentNumber: 'profile.required', documentIssuedOn: 'profile.date_invalid',
    });
    expect(outcome(() => readPersonalData({ ...PERSONAL, documentNumber: 'N12345678' }, IIN, NOW))).toEqual({ documentNumber: 'profile.document_number_invalid' });
    expect(outcome(() => readPersonalData({ ...PERSONAL, documentIssuedOn: '' }, IIN, NOW))).toEqual({ documentIssuedOn: 'profile.required' });
  });

  it('takes a date of issue from the birth date the IIN gives up to today in Kazakhstan', () => {
    expect(outcome(() => readPersonalData({ ...PERSONAL, documentIssuedOn: '1990-05-14' }, IIN, NOW))).toEqual({ documentIssuedOn: 'profile.issue_date_before_birth' });
    expect(readPersonalData({ ...PERSONAL, documentIssuedOn: '1990-05-15' }, IIN, NOW).documentIssuedOn).toBe('1990-05-15');
    // 20:00 UTC is already the next day in Kazakhstan (UTC+5).
    const evening = new Date('2026-03-10T20:00:00Z');
    expect(readPersonalData({ ...PERSONAL, documentIssuedOn: '2026-03-11' }, IIN, evening).documentIssuedOn).toBe('2026-03-11');
    expect(outcome(() => readPersonalData({ ...PERSONAL, documentIssuedOn: '2026-03-11' }, IIN, NOW))).toEqual({ documentIssuedOn: 'profile.issue_date_future' });
  });
});

describe('dates', () => {
  it('reads the birth date an IIN encodes, by its century digit', () => {
    expect(birthDateOfIin('900515301201')).toBe('1990-05-15');
    expect(birthDateOfIin('010101612409')).toBe('2001-01-01');
    expect(birthDateOfIin('991231100000')).toBe('1899-12-31');
    expect(birthDateOfIin('900515001201')).toBeNull();
    expect(birthDateOfIin('900231301201')).toBeNull();
    expect(birthDateOfIin('90051530120')).toBeNull();
  });

  it('knows which days exist, and which day it is in Kazakhstan', () => {
    expect(['2024-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-04-31', '2026-13-01', '26-01-01', ''].map(isCalendarDate)).toEqual([false, false, false, false, false]);
    expect(kazakhToday(new Date('2026-03-10T18:59:59Z'))).toBe('2026-03-10');
    expect(kazakhToday(new Date('2026-03-10T19:00:00Z'))).toBe('2026-03-11');
  });
});
