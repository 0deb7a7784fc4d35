import type { Locale } from '../pki/messages.ts';
import type { PasswordErrorCode } from './password-reset.ts';

export const PASSWORD_MESSAGES: Record<PasswordErrorCode, Record<Locale, string>> = {
  'password.too_short': {
    ru: 'Пароль должен содержать не менее 8 символов.',
    kk: 'Құпиясөз кемінде 8 таңбадан тұруы тиіс.',
    en: 'The password must have at least 8 characters.',
  },
  'password.too_simple': {
    ru: 'Пароль должен содержать буквы и цифры.',
    kk: 'Құпиясөзде әріптер мен сандар болуы тиіс.',
    en: 'The password must contain letters and digits.',
  },
  'password.mismatch': {
    ru: 'Пароли не совпадают.',
    kk: 'Құпиясөздер сәйкес келмейді.',
    en: 'The passwords do not match.',
  },
  'reset.link_invalid': {
    ru: 'Ссылка устарела или уже использована. Запросите новую ссылку для восстановления пароля.',
    kk: 'Сілтеменің мерзімі өтті немесе ол пайдаланылған. Құпиясөзді қалпына келтіру үшін жаңа сілтеме сұраңыз.',
    en: 'The link has expired or was already used. Ask for a new password reset link.',
  },
};
