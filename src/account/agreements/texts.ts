import type { Locale } from '../../pki/messages.ts';
import type { AcceptanceMethod } from '../../domain/store.ts';

const RU = {
  heading: 'Пользовательское соглашение',
  hint: 'Версии Соглашения, которые вы приняли. Если Соглашение подписано ключом ЭЦП, подпись (CMS) можно скачать.',
  version: 'Версия',
  acceptedAt: 'Дата принятия',
  method: 'Способ',
  signature: 'Подпись',
  download: 'Скачать подпись (.p7s)',
  none: 'Вы ещё не принимали Соглашение.',
};

export type AgreementsTexts = Readonly<Record<keyof typeof RU, string>> & { readonly methods: Readonly<Record<AcceptanceMethod, string>> };

export const AGREEMENTS_TEXTS: Readonly<Record<Locale, AgreementsTexts>> = {
  ru: { ...RU, methods: { click: 'кнопкой «Я принимаю»', signature: 'подписано ЭЦП' } },
  kk: {
    heading: 'Пайдаланушы келісімі',
    hint: 'Сіз қабылдаған Келісім нұсқалары. Келісімге ЭЦҚ кілтімен қол қойылса, қолтаңбаны (CMS) жүктеп алуға болады.',
    version: 'Нұсқа',
    acceptedAt: 'Қабылданған күні',
    method: 'Тәсілі',
    signature: 'Қолтаңба',
    download: 'Қолтаңбаны жүктеу (.p7s)',
    none: 'Сіз әлі Келісімді қабылдаған жоқсыз.',
    methods: { click: '«Қабылдаймын» батырмасымен', signature: 'ЭЦҚ-мен қол қойылды' },
  },
  en: {
    heading: 'User agreement',
    hint: 'The versions of the agreement you accepted. Where you signed it with your NCA key, the signature (CMS) can be downloaded.',
    version: 'Version',
    acceptedAt: 'Accepted',
    method: 'How',
    signature: 'Signature',
    download: 'Download the signature (.p7s)',
    none: 'You have not accepted the agreement yet.',
    methods: { click: 'with the «I accept» button', signature: 'signed with the NCA key' },
  },
};
