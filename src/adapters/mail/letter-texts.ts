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
  'email-change-confirm': {
    subject: 'Подтвердите новый E-mail для Kilt',
    intro: 'Этот адрес указан в личном кабинете Kilt как новый E-mail учётной записи. Чтобы он стал адресом для входа и писем, подтвердите его:',
    action: 'Подтвердить E-mail',
    validity: 'Ссылка действует 24 часа и срабатывает один раз. Пока адрес не подтверждён, для входа используется прежний E-mail.',
    notYou: 'Если вы не меняли E-mail в Kilt, просто удалите это письмо: без подтверждения ничего не изменится.',
  },
  'email-change-requested': {
    subject: 'Запрошена смена E-mail учётной записи Kilt',
    intro: 'В личном кабинете Kilt запрошена смена E-mail вашей учётной записи на {email}.',
    pending: 'Адрес изменится, только когда его подтвердят по ссылке из письма, отправленного на новый адрес (ссылка действует 24 часа). До тех пор для входа используется этот адрес.',
    notYou: 'Если это были не вы, войдите в личный кабинет и смените пароль: смена пароля отменяет запрошенную смену E-mail и завершает все другие сеансы.',
    action: 'Открыть личный кабинет',
  },
  'email-change-taken': {
    subject: 'Этот E-mail уже используется в Kilt',
    intro: 'В личном кабинете Kilt этот адрес указали как новый E-mail учётной записи. Адрес уже принадлежит другой учётной записи Kilt, поэтому ничего не изменено.',
    hint: 'Чтобы перенести адрес, сначала укажите другой E-mail в учётной записи, к которой он привязан сейчас. Если вы не помните её пароль, восстановите его.',
    action: 'Восстановить пароль',
    notYou: 'Если вы ничего не меняли, ничего не делайте.',
  },
  'password-changed-in-cabinet': {
    subject: 'Пароль Kilt изменён',
    changed: 'Пароль вашей учётной записи Kilt изменён в личном кабинете с подписью ключом ЭЦП. Все другие сеансы завершены, приложениям понадобится новый вход.',
    notYou: 'Если пароль меняли не вы, сразу восстановите доступ по ссылке ниже и проверьте, кто имеет доступ к вашему ключу ЭЦП.',
    action: 'Восстановить доступ',
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
    'email-change-confirm': {
      subject: 'Kilt үшін жаңа E-mail растаңыз',
      intro: 'Бұл мекенжай Kilt жеке кабинетінде есептік жазбаның жаңа E-mail-ы ретінде көрсетілді. Ол кіру және хаттар мекенжайы болуы үшін оны растаңыз:',
      action: 'E-mail растау',
      validity: 'Сілтеме 24 сағат бойы жарамды және бір рет қолданылады. Мекенжай расталмайынша, кіру үшін бұрынғы E-mail қолданылады.',
      notYou: 'Егер сіз Kilt-те E-mail-ды ауыстырмасаңыз, бұл хатты жойыңыз: растаусыз ештеңе өзгермейді.',
    },
    'email-change-requested': {
      subject: 'Kilt есептік жазбасының E-mail-ын ауыстыру сұралды',
      intro: 'Kilt жеке кабинетінде есептік жазбаңыздың E-mail-ын {email} мекенжайына ауыстыру сұралды.',
      pending: 'Мекенжай жаңа мекенжайға жіберілген хаттағы сілтеме арқылы расталғанда ғана өзгереді (сілтеме 24 сағат жарамды). Оған дейін кіру үшін осы мекенжай қолданылады.',
      notYou: 'Егер бұл сіз болмасаңыз, жеке кабинетке кіріп, құпиясөзді ауыстырыңыз: құпиясөзді ауыстыру сұралған E-mail ауыстыруды тоқтатады және басқа барлық сеанстарды аяқтайды.',
      action: 'Жеке кабинетті ашу',
    },
    'email-change-taken': {
      subject: 'Бұл E-mail Kilt-те пайдаланылуда',
      intro: 'Kilt жеке кабинетінде бұл мекенжай есептік жазбаның жаңа E-mail-ы ретінде көрсетілді. Мекенжай Kilt-тің басқа есептік жазбасына тиесілі, сондықтан ештеңе өзгертілмеді.',
      hint: 'Мекенжайды көшіру үшін алдымен ол қазір байланған есептік жазбада басқа E-mail көрсетіңіз. Оның құпиясөзін есіңізде болмаса, қалпына келтіріңіз.',
      action: 'Құпиясөзді қалпына келтіру',
      notYou: 'Егер сіз ештеңе өзгертпесеңіз, ештеңе істемеңіз.',
    },
    'password-changed-in-cabinet': {
      subject: 'Kilt құпиясөзі өзгертілді',
      changed: 'Kilt есептік жазбаңыздың құпиясөзі жеке кабинетте ЭЦҚ кілтімен қол қою арқылы өзгертілді. Басқа барлық сеанстар аяқталды, қосымшаларға қайта кіру қажет болады.',
      notYou: 'Егер құпиясөзді сіз өзгертпесеңіз, төмендегі сілтеме арқылы қолжетімділікті дереу қалпына келтіріңіз және ЭЦҚ кілтіңізге кімнің қолы жететінін тексеріңіз.',
      action: 'Қолжетімділікті қалпына келтіру',
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
    'email-change-confirm': {
      subject: 'Confirm your new e-mail for Kilt',
      intro: 'This address was given in the Kilt personal cabinet as the new e-mail of an account. To make it the address for signing in and for letters, confirm it:',
      action: 'Confirm e-mail',
      validity: 'The link is valid for 24 hours and works once. Until the address is confirmed, the previous e-mail is used to sign in.',
      notYou: 'If you did not change your e-mail at Kilt, just delete this letter: without confirmation nothing changes.',
    },
    'email-change-requested': {
      subject: 'A change of your Kilt e-mail was requested',
      intro: 'In the Kilt personal cabinet, a change of your account\'s e-mail to {email} was requested.',
      pending: 'The address changes only once it is confirmed with the link in the letter sent to the new address (valid 24 hours). Until then you sign in with this address.',
      notYou: 'If it was not you, sign in to the personal cabinet and change your password: that withdraws the e-mail change and ends every other session.',
      action: 'Open the personal cabinet',
    },
    'email-change-taken': {
      subject: 'This e-mail is already used at Kilt',
      intro: 'In the Kilt personal cabinet, this address was given as the new e-mail of an account. It already belongs to another Kilt account, so nothing was changed.',
      hint: 'To move the address, first give another e-mail to the account it belongs to now. If you do not remember that account\'s password, reset it.',
      action: 'Reset the password',
      notYou: 'If you changed nothing, do nothing.',
    },
    'password-changed-in-cabinet': {
      subject: 'Your Kilt password was changed',
      changed: 'The password of your Kilt account was changed in the personal cabinet, confirmed with your NCA key. Every other session has been ended; applications will ask you to sign in again.',
      notYou: 'If it was not you, restore access at once with the link below and check who can reach your NCA key.',
      action: 'Restore access',
    },
  },
};
