import type { Locale } from '../../pki/messages.ts';

/**
 * The first-level divisions of Kazakhstan (17 oblasts since the 2022 reform and 3 cities of republican significance),
 * by a stable key; the names are the official ones («область Абай», «область Жетісу», «область Ұлытау»).
 */
export const KZ_REGIONS = {
  astana: { ru: 'г. Астана', kk: 'Астана қ.', en: 'Astana', city: 'Астана' },
  'almaty-city': { ru: 'г. Алматы', kk: 'Алматы қ.', en: 'Almaty', city: 'Алматы' },
  shymkent: { ru: 'г. Шымкент', kk: 'Шымкент қ.', en: 'Shymkent', city: 'Шымкент' },
  abai: { ru: 'область Абай', kk: 'Абай облысы', en: 'Abai Region', city: null },
  akmola: { ru: 'Акмолинская область', kk: 'Ақмола облысы', en: 'Akmola Region', city: null },
  aktobe: { ru: 'Актюбинская область', kk: 'Ақтөбе облысы', en: 'Aktobe Region', city: null },
  almaty: { ru: 'Алматинская область', kk: 'Алматы облысы', en: 'Almaty Region', city: null },
  atyrau: { ru: 'Атырауская область', kk: 'Атырау облысы', en: 'Atyrau Region', city: null },
  'east-kazakhstan': { ru: 'Восточно-Казахстанская область', kk: 'Шығыс Қазақстан облысы', en: 'East Kazakhstan Region', city: null },
  zhambyl: { ru: 'Жамбылская область', kk: 'Жамбыл облысы', en: 'Zhambyl Region', city: null },
  zhetysu: { ru: 'область Жетісу', kk: 'Жетісу облысы', en: 'Zhetysu Region', city: null },
  'west-kazakhstan': { ru: 'Западно-Казахстанская область', kk: 'Батыс Қазақстан облысы', en: 'West Kazakhstan Region', city: null },
  karaganda: { ru: 'Карагандинская область', kk: 'Қарағанды облысы', en: 'Karaganda Region', city: null },
  kostanay: { ru: 'Костанайская область', kk: 'Қостанай облысы', en: 'Kostanay Region', city: null },
  kyzylorda: { ru: 'Кызылординская область', kk: 'Қызылорда облысы', en: 'Kyzylorda Region', city: null },
  mangystau: { ru: 'Мангистауская область', kk: 'Маңғыстау облысы', en: 'Mangystau Region', city: null },
  pavlodar: { ru: 'Павлодарская область', kk: 'Павлодар облысы', en: 'Pavlodar Region', city: null },
  'north-kazakhstan': { ru: 'Северо-Казахстанская область', kk: 'Солтүстік Қазақстан облысы', en: 'North Kazakhstan Region', city: null },
  turkistan: { ru: 'Туркестанская область', kk: 'Түркістан облысы', en: 'Turkistan Region', city: null },
  ulytau: { ru: 'область Ұлытау', kk: 'Ұлытау облысы', en: 'Ulytau Region', city: null },
} as const satisfies Record<string, Record<Locale, string> & { readonly city: string | null }>;

export type RegionKey = keyof typeof KZ_REGIONS;

export const isRegionKey = (key: string): key is RegionKey => Object.hasOwn(KZ_REGIONS, key);

/** The select's options in the person's language: the three cities first, then the oblasts alphabetically (in Russian). */
export const regionOptions = (locale: Locale): readonly { readonly key: RegionKey; readonly name: string }[] =>
  (Object.keys(KZ_REGIONS) as RegionKey[]).map((key) => ({ key, name: KZ_REGIONS[key][locale] }));
