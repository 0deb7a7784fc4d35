import type { Locale } from '../../pki/messages.ts';
import type { SignInErrorCode } from './sign-in-error.ts';

/** Never says whether an e-mail is registered: a wrong password and an unknown e-mail read the same. */
export const SIGN_IN_MESSAGES: Record<SignInErrorCode, Record<Locale, string>> = {
  'login.invalid_credentials': {
    ru: 'Неверный адрес электронной почты или пароль.',
    kk: 'Электрондық пошта мекенжайы немесе құпиясөз қате.',
    en: 'Wrong e-mail address or password.',
  },
  'login.challenge_invalid': {
    ru: 'Срок действия запроса на подпись истёк или он уже использован. Обновите страницу и подпишите ещё раз.',
    kk: 'Қол қою сұрауының мерзімі өтті немесе ол пайдаланылған. Бетті жаңартып, қайта қол қойыңыз.',
    en: 'The signing request has expired or was already used. Reload the page and sign again.',
  },
  'login.iin_mismatch': {
    ru: 'Этот ключ выдан на другого человека (ИИН {iin}). Войдите своим ключом.',
    kk: 'Бұл кілт басқа адамға берілген (ЖСН {iin}). Өз кілтіңізбен кіріңіз.',
    en: 'This key belongs to another person (IIN {iin}). Sign in with your own key.',
  },
  'login.not_confirmed': {
    ru: 'Учётная запись не подтверждена. Перейдите по ссылке из письма, отправленного при регистрации.',
    kk: 'Есептік жазба расталмаған. Тіркелу кезінде жіберілген хаттағы сілтемеге өтіңіз.',
    en: 'The account is not confirmed yet. Follow the link in the e-mail sent when you registered.',
  },
  'login.locked': {
    ru: 'Учётная запись заблокирована. Обратитесь в службу поддержки.',
    kk: 'Есептік жазба бұғатталған. Қолдау қызметіне хабарласыңыз.',
    en: 'The account is locked. Contact support.',
  },
  'login.too_many_attempts': {
    ru: 'Слишком много неудачных попыток входа. Повторите через {seconds} с.',
    kk: 'Кіру әрекеттері тым көп сәтсіз болды. {seconds} с кейін қайталаңыз.',
    en: 'Too many failed sign-in attempts. Try again in {seconds} s.',
  },
};
