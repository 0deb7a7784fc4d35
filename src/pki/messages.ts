import type { PkiErrorCode } from './errors.ts';

export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

type Catalog = Record<PkiErrorCode, Record<Locale, string>>;

/** What happened and what to do, in the words Keden and KNP users know (see reference/kz-portals.md §5). */
export const PKI_MESSAGES: Catalog = {
  'pki.malformed': {
    ru: 'Подпись повреждена или имеет неверный формат. Подпишите ещё раз в NCALayer.',
    kk: 'Қолтаңба бүлінген немесе пішімі қате. NCALayer арқылы қайта қол қойыңыз.',
    en: 'The signature is damaged or not in a valid format. Sign again in NCALayer.',
  },
  'pki.unsupported_algorithm': {
    ru: 'Алгоритм подписи ключа не поддерживается. Используйте действующий ключ НУЦ РК (ГОСТ или RSA).',
    kk: 'Кілттің қолтаңба алгоритміне қолдау көрсетілмейді. ҚР ҰКО-ның жарамды кілтін (ГОСТ немесе RSA) пайдаланыңыз.',
    en: 'The key uses an unsupported signature algorithm. Use a current NCA RK key (GOST or RSA).',
  },
  'pki.weak_algorithm': {
    ru: 'Подпись создана устаревшим алгоритмом (SHA-1) и не принимается. Используйте действующий ключ НУЦ РК.',
    kk: 'Қолтаңба ескірген алгоритммен (SHA-1) жасалған және қабылданбайды. ҚР ҰКО-ның жарамды кілтін пайдаланыңыз.',
    en: 'The signature uses an obsolete algorithm (SHA-1) and is not accepted. Use a current NCA RK key.',
  },
  'pki.signature_invalid': {
    ru: 'Подпись не прошла проверку. Подпишите ещё раз в NCALayer.',
    kk: 'Қолтаңба тексеруден өтпеді. NCALayer арқылы қайта қол қойыңыз.',
    en: 'The signature did not verify. Sign again in NCALayer.',
  },
  'pki.digest_mismatch': {
    ru: 'Подписанные данные были изменены после подписания. Подпишите ещё раз в NCALayer.',
    kk: 'Қол қойылған деректер қол қойылғаннан кейін өзгертілген. NCALayer арқылы қайта қол қойыңыз.',
    en: 'The signed data was changed after signing. Sign again in NCALayer.',
  },
  'pki.content_mismatch': {
    ru: 'Подписаны не те данные, которые запросил сервер. Обновите страницу и подпишите ещё раз.',
    kk: 'Сервер сұраған деректерге қол қойылмаған. Бетті жаңартып, қайта қол қойыңыз.',
    en: 'The signature is not over the data the server asked for. Reload the page and sign again.',
  },
  'pki.content_missing': {
    ru: 'В подписи нет подписанных данных. Подпишите ещё раз в NCALayer.',
    kk: 'Қолтаңбада қол қойылған деректер жоқ. NCALayer арқылы қайта қол қойыңыз.',
    en: 'The signature carries no signed data. Sign again in NCALayer.',
  },
  'pki.signer_not_found': {
    ru: 'В подписи нет сертификата подписавшего. Подпишите ещё раз в NCALayer.',
    kk: 'Қолтаңбада қол қоюшының сертификаты жоқ. NCALayer арқылы қайта қол қойыңыз.',
    en: "The signature does not contain the signer's certificate. Sign again in NCALayer.",
  },
  'pki.signer_count': {
    ru: 'Данные должны быть подписаны одним ключом. Подпишите ещё раз в NCALayer.',
    kk: 'Деректерге бір кілтпен қол қойылуы тиіс. NCALayer арқылы қайта қол қойыңыз.',
    en: 'The data must be signed with exactly one key. Sign again in NCALayer.',
  },
  'pki.chain_untrusted': {
    ru: 'Сертификат выдан не Национальным удостоверяющим центром РК (или тестовый). Используйте ключ НУЦ РК.',
    kk: 'Сертификатты ҚР Ұлттық куәландырушы орталығы бермеген (немесе ол тестілік). ҚР ҰКО кілтін пайдаланыңыз.',
    en: 'The certificate was not issued by the National Certification Authority of Kazakhstan (or is a test one). Use an NCA RK key.',
  },
  'pki.ca_invalid': {
    ru: 'Сертификат удостоверяющего центра в цепочке недействителен. Используйте действующий ключ НУЦ РК.',
    kk: 'Тізбектегі куәландырушы орталықтың сертификаты жарамсыз. ҚР ҰКО-ның жарамды кілтін пайдаланыңыз.',
    en: "A certification authority's certificate in the chain is not valid. Use a current NCA RK key.",
  },
  'pki.critical_extension': {
    ru: 'Сертификат содержит неизвестное критичное расширение и не может быть принят.',
    kk: 'Сертификатта белгісіз маңызды кеңейтім бар, сондықтан қабылданбайды.',
    en: 'The certificate has an unknown critical extension and cannot be accepted.',
  },
  'pki.cert_expired': {
    ru: 'Срок действия ключа ЭЦП истёк {date}. Получите новый ключ онлайн на egov.kz или pki.gov.kz.',
    kk: 'ЭЦҚ кілтінің мерзімі {date} аяқталды. Жаңа кілтті egov.kz немесе pki.gov.kz сайтында онлайн алыңыз.',
    en: 'The signing key expired on {date}. Get a new key online at egov.kz or pki.gov.kz.',
  },
  'pki.cert_not_yet_valid': {
    ru: 'Ключ ЭЦП ещё не действует (с {date}). Проверьте дату и время на компьютере.',
    kk: 'ЭЦҚ кілті әлі күшіне енген жоқ ({date} бастап). Компьютердегі күн мен уақытты тексеріңіз.',
    en: 'The signing key is not valid yet (from {date}). Check the date and time on your computer.',
  },
  'pki.cert_revoked': {
    ru: 'Ключ ЭЦП отозван ({date}). Используйте действующий ключ. Если ключ выпускали не вы — срочно проверьте личный кабинет НУЦ (pki.gov.kz).',
    kk: 'ЭЦҚ кілті кері қайтарылған ({date}). Жарамды кілтті пайдаланыңыз. Кілтті сіз шығармасаңыз, ҰКО жеке кабинетін (pki.gov.kz) дереу тексеріңіз.',
    en: 'The signing key has been revoked ({date}). Use a valid key. If you did not request this, check your NCA account at pki.gov.kz at once.',
  },
  'pki.revocation_unavailable': {
    ru: 'Не удалось проверить статус сертификата в НУЦ РК (временная ошибка сервиса). Повторите через минуту.',
    kk: 'Сертификат мәртебесін ҚР ҰКО-да тексеру мүмкін болмады (қызметтің уақытша қатесі). Бір минуттан кейін қайталаңыз.',
    en: 'The certificate status could not be checked with NCA RK (a temporary service error). Try again in a minute.',
  },
  'pki.key_purpose': {
    ru: 'Этот ключ не подходит для этого действия: для входа нужен ключ аутентификации (AUTH_RSA256 или ГОСТ), для подписи — ключ подписи.',
    kk: 'Бұл кілт осы әрекетке жарамайды: кіру үшін аутентификация кілті (AUTH_RSA256 немесе ГОСТ), қол қою үшін қол қою кілті қажет.',
    en: 'This key does not fit this action: sign-in needs an authentication key (AUTH_RSA256 or GOST), signing needs a signing key.',
  },
  'pki.not_a_person': {
    ru: 'Сертификат выдан информационной системе, а не человеку. Войдите личным ключом ЭЦП.',
    kk: 'Сертификат адамға емес, ақпараттық жүйеге берілген. Жеке ЭЦҚ кілтіңізбен кіріңіз.',
    en: 'The certificate belongs to an information system, not a person. Sign in with your personal key.',
  },
};

export function interpolate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export function pkiMessage(code: PkiErrorCode, locale: Locale, params: Readonly<Record<string, string>> = {}): string {
  return interpolate(PKI_MESSAGES[code][locale], params);
}
