import type { Locale } from '../../pki/messages.ts';
import type { RegistrationErrorCode } from './registration-error.ts';

/** Wording after the Keden and KNP manuals (../shared/seeds) and reference/kz-portals.md. */
export const REGISTRATION_MESSAGES: Record<RegistrationErrorCode, Record<Locale, string>> = {
  'registration.iin_taken': {
    ru: 'Пользователь с этим ИИН уже зарегистрирован. Войдите в систему или восстановите пароль.',
    kk: 'Осы ЖСН-мен пайдаланушы тіркелген. Жүйеге кіріңіз немесе құпиясөзді қалпына келтіріңіз.',
    en: 'A user with this IIN is already registered. Sign in or reset the password.',
  },
  'registration.email_taken': {
    ru: 'Этот e-mail уже используется. Укажите другой адрес, войдите в систему или восстановите пароль.',
    kk: 'Бұл e-mail пайдаланылуда. Басқа мекенжай көрсетіңіз, жүйеге кіріңіз немесе құпиясөзді қалпына келтіріңіз.',
    en: 'This e-mail is already in use. Give another address, sign in, or reset the password.',
  },
  'registration.email_invalid': {
    ru: 'Введите корректный адрес электронной почты, например ivanov@mail.kz.',
    kk: 'Дұрыс электрондық пошта мекенжайын енгізіңіз, мысалы ivanov@mail.kz.',
    en: 'Enter a valid e-mail address, e.g. ivanov@mail.kz.',
  },
  'registration.consent_required': {
    ru: 'Без согласия на сбор, обработку и хранение персональных данных регистрация невозможна.',
    kk: 'Дербес деректерді жинауға, өңдеуге және сақтауға келісімсіз тіркелу мүмкін емес.',
    en: 'Registration needs your consent to the collection, processing and storage of personal data.',
  },
  'registration.company_not_registered': {
    ru: 'Организация с БИН {bin} ещё не зарегистрирована. Первый руководитель или лицо с правом подписи должен зарегистрировать её и добавить вас в участники.',
    kk: 'БСН {bin} ұйымы әлі тіркелмеген. Бірінші басшы немесе қол қою құқығы бар тұлға оны тіркеп, сізді қатысушыларға қосуы тиіс.',
    en: 'The company with BIN {bin} is not registered yet. Its first head or a person with signing right must register it and add you as a participant.',
  },
  'registration.not_added': {
    ru: 'Вы не добавлены в участники организации БИН {bin}. Обратитесь к руководителю организации: он должен добавить ваш ИИН в разделе «Участники ЮЛ».',
    kk: 'Сіз БСН {bin} ұйымының қатысушыларына қосылмағансыз. Ұйым басшысына хабарласыңыз: ол сіздің ЖСН-ды «ЗТ қатысушылары» бөлімінде қосуы тиіс.',
    en: 'You are not a participant of the company with BIN {bin}. Ask its head to add your IIN under «Участники ЮЛ».',
  },
  'registration.excluded': {
    ru: 'Руководитель организации (БИН {bin}) исключил вас из участников. Регистрация от имени организации невозможна; обратитесь к руководителю.',
    kk: 'Ұйым басшысы (БСН {bin}) сізді қатысушылардан шығарды. Ұйым атынан тіркелу мүмкін емес; басшыға хабарласыңыз.',
    en: 'The head of the company (BIN {bin}) excluded you from its participants. You cannot register for it; contact the head.',
  },
  'registration.signature_required': {
    ru: 'Подпишите Соглашение ключом ЭЦП: нажмите «Подписать и принять».',
    kk: 'Келісімге ЭЦҚ кілтімен қол қойыңыз: «Қол қою және қабылдау» түймесін басыңыз.',
    en: 'Sign the agreement with your NCA key: press «Sign and accept».',
  },
  'registration.signer_mismatch': {
    ru: 'Соглашение подписано ключом другого человека. Подпишите его своим ключом (ИИН {iin}).',
    kk: 'Келісімге басқа адамның кілтімен қол қойылған. Өз кілтіңізбен қол қойыңыз (ЖСН {iin}).',
    en: 'The agreement was signed with another person\'s key. Sign it with your own key (IIN {iin}).',
  },
  'registration.mail_failed': {
    ru: 'Не удалось отправить письмо на {email}. Регистрация сохранена: нажмите «Отправить письмо повторно».',
    kk: '{email} мекенжайына хат жіберу мүмкін болмады. Тіркелу сақталды: «Хатты қайта жіберу» түймесін басыңыз.',
    en: 'The letter to {email} could not be sent. Your registration is kept: press «Send the letter again».',
  },
  'registration.letter_limit': {
    ru: 'Письмо уже отправлялось несколько раз. Повторите через {minutes} мин и проверьте папку «Спам».',
    kk: 'Хат бірнеше рет жіберілді. {minutes} мин кейін қайталаңыз және «Спам» қалтасын тексеріңіз.',
    en: 'The letter was sent several times already. Try again in {minutes} min and check the spam folder.',
  },
  'registration.link_invalid': {
    ru: 'Ссылка недействительна: срок её действия (24 часа) истёк или она уже использована. Пройдите регистрацию заново.',
    kk: 'Сілтеме жарамсыз: оның мерзімі (24 сағат) өтті немесе ол пайдаланылған. Қайта тіркеліңіз.',
    en: 'The link is not valid: it has expired (24 hours) or was already used. Please register again.',
  },
  'registration.stale': {
    ru: 'Эта форма устарела: регистрация уже продвинулась в другой вкладке. Продолжите с текущего шага.',
    kk: 'Бұл нысан ескірді: тіркелу басқа қойындыда жалғасты. Ағымдағы қадамнан жалғастырыңыз.',
    en: 'This form is out of date: the registration moved on in another tab. Continue from the current step.',
  },
};
