import type { Locale } from '../../pki/messages.ts';

/** Letter wording; one entry per letter of `LetterLocals` (src/domain/mail.ts) plus what every letter shares. */
const RU = {
  greeting: 'Здравствуйте',
  automatic: 'Это письмо отправлено автоматически сервисом Kilt, отвечать на него не нужно.',
  'password-reset': {
    subject: 'Восстановление пароля Kilt',
    intro: 'Мы получили запрос на восстановление пароля вашей учётной записи Kilt. Чтобы задать новый пароль, перейдите по ссылке:',
    action: 'Задать новый пароль',
    validity: 'Ссылка действует 1 час и срабатывает только один раз.',
    notYou: 'Если вы не запрашивали восстановление пароля, ничего не делайте: пароль останется прежним.',
  },
  'password-changed': {
    subject: 'Пароль Kilt изменён',
    changed: 'Пароль вашей учётной записи Kilt изменён. Все сеансы завершены: чтобы продолжить работу, войдите заново с новым паролем.',
    notYou: 'Если пароль меняли не вы, сразу восстановите доступ по ссылке ниже и убедитесь, что к вашей почте нет доступа у посторонних.',
    action: 'Восстановить доступ',
  },
  'registration-confirm': {
    subject: 'Подтвердите E-mail для регистрации в Kilt',
    intro: 'Вы начали регистрацию в Kilt. Для завершения регистрации подтвердите адрес электронной почты:',
    action: 'Подтвердить E-mail',
    validity: 'Подтвердить E-mail необходимо в течение 24 часов, в противном случае регистрацию необходимо проходить повторно. Ссылка срабатывает один раз.',
    notYou: 'Если вы не регистрировались в Kilt, просто удалите это письмо: без подтверждения учётная запись не будет создана.',
  },
};

export type LetterTexts = typeof RU;

export const LETTER_TEXTS: Readonly<Record<Locale, LetterTexts>> = {
  ru: RU,
  kk: {
    greeting: 'Сәлеметсіз бе',
    automatic: 'Бұл хатты Kilt қызметі автоматты түрде жіберді, оған жауап берудің қажеті жоқ.',
    'password-reset': {
      subject: 'Kilt құпиясөзін қалпына келтіру',
      intro: 'Kilt есептік жазбаңыздың құпиясөзін қалпына келтіру туралы сұрау алдық. Жаңа құпиясөз орнату үшін мына сілтемеге өтіңіз:',
      action: 'Жаңа құпиясөз орнату',
      validity: 'Сілтеме 1 сағат бойы жарамды және тек бір рет қолданылады.',
      notYou: 'Егер құпиясөзді қалпына келтіруді сұрамаған болсаңыз, ештеңе істемеңіз: құпиясөз өзгеріссіз қалады.',
    },
    'password-changed': {
      subject: 'Kilt құпиясөзі өзгертілді',
      changed: 'Kilt есептік жазбаңыздың құпиясөзі өзгертілді. Барлық сеанстар аяқталды: жұмысты жалғастыру үшін жаңа құпиясөзбен қайта кіріңіз.',
      notYou: 'Егер құпиясөзді сіз өзгертпесеңіз, төмендегі сілтеме арқылы қолжетімділікті дереу қалпына келтіріңіз және поштаңызға бөгде адамдардың қолы жетпейтініне көз жеткізіңіз.',
      action: 'Қолжетімділікті қалпына келтіру',
    },
    'registration-confirm': {
      subject: 'Kilt-те тіркелу үшін E-mail растаңыз',
      intro: 'Сіз Kilt-те тіркелуді бастадыңыз. Тіркелуді аяқтау үшін электрондық пошта мекенжайын растаңыз:',
      action: 'E-mail растау',
      validity: 'E-mail 24 сағат ішінде расталуы тиіс, әйтпесе қайта тіркелу қажет. Сілтеме бір рет қолданылады.',
      notYou: 'Егер сіз Kilt-те тіркелмесеңіз, бұл хатты жойыңыз: растаусыз есептік жазба жасалмайды.',
    },
  },
  en: {
    greeting: 'Hello',
    automatic: 'This letter was sent automatically by Kilt; there is no need to reply.',
    'password-reset': {
      subject: 'Reset your Kilt password',
      intro: 'We received a request to reset the password of your Kilt account. To set a new password, follow this link:',
      action: 'Set a new password',
      validity: 'The link is valid for 1 hour and works only once.',
      notYou: 'If you did not ask for this, do nothing: your password stays as it is.',
    },
    'password-changed': {
      subject: 'Your Kilt password was changed',
      changed: 'The password of your Kilt account was changed. All sessions have been ended: sign in again with the new password to continue.',
      notYou: 'If it was not you, restore access at once with the link below and make sure no one else can read your e-mail.',
      action: 'Restore access',
    },
    'registration-confirm': {
      subject: 'Confirm your e-mail to register with Kilt',
      intro: 'You started registering with Kilt. To finish, confirm your e-mail address:',
      action: 'Confirm e-mail',
      validity: 'Confirm the e-mail within 24 hours; otherwise you will have to register again. The link works once.',
      notYou: 'If you did not register with Kilt, just delete this letter: without confirmation no account is created.',
    },
  },
};
