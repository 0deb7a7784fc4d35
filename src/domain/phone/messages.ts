import type { Locale } from '../../pki/messages.ts';
import type { PhoneErrorCode } from './phone-error.ts';

/** Wording after the KNP manual (../shared/seeds): «SMS код», «Отправить код повторно». */
export const PHONE_MESSAGES: Record<PhoneErrorCode, Record<Locale, string>> = {
  'phone.invalid': {
    ru: 'Введите номер мобильного телефона в формате +7 7XX XXX XX XX.',
    kk: 'Ұялы телефон нөмірін +7 7XX XXX XX XX форматында енгізіңіз.',
    en: 'Enter a mobile number in the form +7 7XX XXX XX XX.',
  },
  'phone.sms_failed': {
    ru: 'Не удалось отправить SMS. Проверьте номер и запросите код ещё раз.',
    kk: 'SMS жіберу мүмкін болмады. Нөмірді тексеріп, кодты қайта сұраңыз.',
    en: 'The SMS could not be sent. Check the number and ask for the code again.',
  },
  'phone.sms_resend_wait': {
    ru: 'Новый код можно запросить через {seconds} с.',
    kk: 'Жаңа кодты {seconds} с кейін сұрауға болады.',
    en: 'You can ask for a new code in {seconds} s.',
  },
  'phone.sms_send_limit': {
    ru: 'На этот номер отправлено слишком много кодов. Повторите через {minutes} мин.',
    kk: 'Бұл нөмірге тым көп код жіберілді. {minutes} мин кейін қайталаңыз.',
    en: 'Too many codes were sent to this number. Try again in {minutes} min.',
  },
  'phone.sms_code_wrong': {
    ru: 'Неверный код из SMS. Осталось попыток: {left}.',
    kk: 'SMS-тегі код қате. Қалған әрекеттер: {left}.',
    en: 'Wrong SMS code. Attempts left: {left}.',
  },
  'phone.sms_code_expired': {
    ru: 'Срок действия кода истёк. Запросите новый код.',
    kk: 'Кодтың мерзімі өтті. Жаңа код сұраңыз.',
    en: 'The code has expired. Ask for a new one.',
  },
  'phone.sms_too_many_attempts': {
    ru: 'Превышено число попыток ввода кода. Запросите новый код.',
    kk: 'Кодты енгізу әрекеттерінің саны асып кетті. Жаңа код сұраңыз.',
    en: 'Too many wrong codes. Ask for a new code.',
  },
};
