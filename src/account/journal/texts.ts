import type { Locale } from '../../pki/messages.ts';

const RU = {
  heading: 'Журнал событий',
  hint: 'Входы в систему, в том числе неудачные попытки, регистрация, смена пароля и другие изменения вашей учётной записи.',
  at: 'Дата и время',
  event: 'Событие',
  ip: 'IP-адрес',
  certificate: 'Серийный номер сертификата',
  more: 'Показать ещё',
  none: 'Событий пока нет.',
};

export type JournalTexts = Readonly<Record<keyof typeof RU, string>>;

export const JOURNAL_TEXTS: Readonly<Record<Locale, JournalTexts>> = {
  ru: RU,
  kk: {
    heading: 'Оқиғалар журналы',
    hint: 'Жүйеге кірулер, соның ішінде сәтсіз әрекеттер, тіркелу, құпиясөзді ауыстыру және есептік жазбаңыздың басқа өзгерістері.',
    at: 'Күні мен уақыты',
    event: 'Оқиға',
    ip: 'IP-мекенжай',
    certificate: 'Сертификаттың сериялық нөмірі',
    more: 'Тағы көрсету',
    none: 'Әзірге оқиғалар жоқ.',
  },
  en: {
    heading: 'Activity log',
    hint: 'Sign-ins, failed attempts included, registration, password changes and other changes to your account.',
    at: 'Date and time',
    event: 'Event',
    ip: 'IP address',
    certificate: 'Certificate serial number',
    more: 'Show more',
    none: 'No events yet.',
  },
};
