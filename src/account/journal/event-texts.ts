import type { AuditEvent } from '../../domain/store.ts';
import { type Locale, interpolate } from '../../pki/messages.ts';

type Texts = Readonly<Record<Locale, string>>;

/** What each audited event means to the person it concerns; `{name}` takes the event's detail of that name. */
const EVENTS: Readonly<Record<string, Texts>> = {
  'login.succeeded': { ru: 'Вход в систему', kk: 'Жүйеге кіру', en: 'Signed in' },
  'login.failed': { ru: 'Неудачная попытка входа: {reason}', kk: 'Сәтсіз кіру әрекеті: {reason}', en: 'Failed sign-in: {reason}' },
  'registration.submitted': {
    ru: 'Регистрация: отправлено письмо для подтверждения e-mail',
    kk: 'Тіркелу: e-mail растау үшін хат жіберілді',
    en: 'Registration: the e-mail confirmation letter was sent',
  },
  'registration.confirmed': { ru: 'Регистрация завершена: e-mail подтверждён', kk: 'Тіркелу аяқталды: e-mail расталды', en: 'Registration completed: e-mail confirmed' },
  'registration.company_refused': {
    ru: 'Регистрация в организации (БИН {bin}) не выполнена',
    kk: 'Ұйымда (БСН {bin}) тіркелу орындалмады',
    en: 'Not registered with the company (BIN {bin})',
  },
  'organization.registered': { ru: 'Зарегистрирована организация {name} (БИН {bin})', kk: '{name} ұйымы тіркелді (БСН {bin})', en: 'Company {name} registered (BIN {bin})' },
  'participant.registered': {
    ru: 'Вы зарегистрированы участником организации (БИН {bin})',
    kk: 'Сіз ұйымның қатысушысы ретінде тіркелдіңіз (БСН {bin})',
    en: 'Registered as a participant of the company (BIN {bin})',
  },
  'password.reset_requested': { ru: 'Запрошено восстановление пароля', kk: 'Құпиясөзді қалпына келтіру сұралды', en: 'Password reset requested' },
  'password.reset': { ru: 'Пароль изменён по ссылке восстановления', kk: 'Құпиясөз қалпына келтіру сілтемесі арқылы өзгертілді', en: 'Password changed through the reset link' },
  'profile.personal_data_saved': { ru: 'Сохранены личные данные профиля', kk: 'Профильдің жеке деректері сақталды', en: 'Personal data saved' },
  'profile.address_saved': { ru: 'Сохранён адрес', kk: 'Мекенжай сақталды', en: 'Address saved' },
  'profile.email_change_requested': { ru: 'Запрошена смена e-mail', kk: 'E-mail ауыстыру сұралды', en: 'E-mail change requested' },
  'profile.email_changed': { ru: 'E-mail изменён', kk: 'E-mail өзгертілді', en: 'E-mail changed' },
  'profile.phone_changed': { ru: 'Номер мобильного телефона изменён', kk: 'Ұялы телефон нөмірі өзгертілді', en: 'Mobile number changed' },
  'password.changed': { ru: 'Пароль изменён в личном кабинете', kk: 'Құпиясөз жеке кабинетте өзгертілді', en: 'Password changed in the personal cabinet' },
  'password.change_failed': { ru: 'Неудачная попытка смены пароля', kk: 'Құпиясөзді өзгертудің сәтсіз әрекеті', en: 'Failed attempt to change the password' },
  'mail.failed': { ru: 'Не удалось отправить письмо', kk: 'Хатты жіберу мүмкін болмады', en: 'A letter could not be sent' },
  'participant.added': {
    ru: 'Вы добавили участника ИИН {iinAfter} в организацию (БИН {company})',
    kk: 'Сіз ЖСН {iinAfter} қатысушысын ұйымға (БСН {company}) қостыңыз',
    en: 'You added the participant IIN {iinAfter} to the company (BIN {company})',
  },
  'participant.edited': {
    ru: 'Вы изменили данные участника ИИН {iinAfter} организации (БИН {company})',
    kk: 'Сіз ұйымның (БСН {company}) ЖСН {iinAfter} қатысушысының деректерін өзгерттіңіз',
    en: 'You changed the participant IIN {iinAfter} of the company (BIN {company})',
  },
  'participant.excluded': {
    ru: 'Вы исключили участника ИИН {iinAfter} из организации (БИН {company})',
    kk: 'Сіз ЖСН {iinAfter} қатысушысын ұйымнан (БСН {company}) шығардыңыз',
    en: 'You excluded the participant IIN {iinAfter} from the company (BIN {company})',
  },
  'participant.restored': {
    ru: 'Вы восстановили участника ИИН {iinAfter} в организации (БИН {company})',
    kk: 'Сіз ЖСН {iinAfter} қатысушысын ұйымда (БСН {company}) қалпына келтірдіңіз',
    en: 'You restored the participant IIN {iinAfter} in the company (BIN {company})',
  },
  'participant.access_revoked': {
    ru: 'Сеансы исключённого участника в организации (БИН {company}) завершены',
    kk: 'Шығарылған қатысушының ұйымдағы (БСН {company}) сеанстары аяқталды',
    en: "The excluded participant's sessions for the company (BIN {company}) were ended",
  },
  'session.ended': { ru: 'Выход из сеанса (приложения: {clients})', kk: 'Сеанстан шығу (қосымшалар: {clients})', en: 'Signed out of a session (applications: {clients})' },
  'session.ended_all': { ru: 'Выход на всех устройствах', kk: 'Барлық құрылғыдан шығу', en: 'Signed out everywhere' },
};

const UNKNOWN_EVENT: Texts = { ru: 'Событие «{type}»', kk: '«{type}» оқиғасы', en: 'Event «{type}»' };

/** Why a sign-in failed, in words for the account's owner, who may be told that the password was wrong. */
const FAILURES: Readonly<Record<string, Texts>> = {
  'login.invalid_credentials': { ru: 'неверный пароль', kk: 'құпиясөз қате', en: 'wrong password' },
  'login.iin_mismatch': { ru: 'ключ ЭЦП другого человека', kk: 'басқа адамның ЭЦҚ кілті', en: "another person's NCA key" },
  'login.challenge_invalid': { ru: 'устаревший запрос на подпись', kk: 'қол қою сұрауы ескірген', en: 'an expired signing request' },
  'login.not_confirmed': { ru: 'e-mail не подтверждён', kk: 'e-mail расталмаған', en: 'e-mail not confirmed' },
  'login.locked': { ru: 'учётная запись заблокирована', kk: 'есептік жазба бұғатталған', en: 'the account is locked' },
};

const SIGNATURE_REFUSED: Texts = { ru: 'подпись ЭЦП не принята', kk: 'ЭЦҚ қолтаңбасы қабылданбады', en: 'the NCA signature was not accepted' };

const NONE = '—';

function failureReason(code: unknown, locale: Locale): string {
  return (typeof code === 'string' ? FAILURES[code] : undefined)?.[locale] ?? SIGNATURE_REFUSED[locale];
}

/** The event in a sentence of the person's language; an event type this table does not know yet is named as is. */
export function describeEvent(event: AuditEvent, locale: Locale): string {
  const details = Object.entries(event.details).map(([name, value]) => [name, value === null || value === '' ? NONE : String(value)]);
  const params = {
    ...Object.fromEntries(details), type: event.type, company: event.organizationBin ?? NONE, reason: failureReason(event.details['code'], locale),
  };
  return interpolate((EVENTS[event.type] ?? UNKNOWN_EVENT)[locale], params);
}
