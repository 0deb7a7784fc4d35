import type { Locale } from '../../pki/messages.ts';
import type { ProfileErrorCode } from './profile-error.ts';

/** Refusals of the cabinet's «Профиль пользователя» forms; ru after the Keden manual (../shared/seeds). */
export const PROFILE_MESSAGES: Record<ProfileErrorCode | 'profile.form_invalid', Record<Locale, string>> = {
  'profile.form_invalid': {
    ru: 'Проверьте выделенные поля.',
    kk: 'Белгіленген өрістерді тексеріңіз.',
    en: 'Check the highlighted fields.',
  },
  'profile.required': {
    ru: 'Заполните это поле.',
    kk: 'Бұл өрісті толтырыңыз.',
    en: 'Fill in this field.',
  },
  'profile.too_long': {
    ru: 'Не более {max} символов.',
    kk: '{max} таңбадан аспауы тиіс.',
    en: 'At most {max} characters.',
  },
  'profile.region_unknown': {
    ru: 'Выберите область или город республиканского значения из списка.',
    kk: 'Тізімнен облысты немесе республикалық маңызы бар қаланы таңдаңыз.',
    en: 'Choose a region or a city of republican significance from the list.',
  },
  'profile.postal_code_invalid': {
    ru: 'Почтовый индекс — 6 цифр, например 050000.',
    kk: 'Пошта индексі — 6 цифр, мысалы 050000.',
    en: 'The postal code has 6 digits, e.g. 050000.',
  },
  'profile.latin_name_invalid': {
    ru: 'Латинскими буквами, как в паспорте: буквы A–Z, пробел, дефис, апостроф.',
    kk: 'Паспорттағыдай латын әріптерімен: A–Z әріптері, бос орын, дефис, апостроф.',
    en: 'In Latin letters as in the passport: A–Z, space, hyphen, apostrophe.',
  },
  'profile.document_kind_unknown': {
    ru: 'Выберите вид документа из списка.',
    kk: 'Тізімнен құжат түрін таңдаңыз.',
    en: 'Choose the kind of document from the list.',
  },
  'profile.document_number_invalid': {
    ru: 'Номер документа — 9 цифр.',
    kk: 'Құжат нөмірі — 9 цифр.',
    en: 'The document number has 9 digits.',
  },
  'profile.passport_number_invalid': {
    ru: 'Номер паспорта — латинская буква и 8 цифр, например N12345678.',
    kk: 'Паспорт нөмірі — латын әрпі және 8 цифр, мысалы N12345678.',
    en: 'A passport number is a Latin letter and 8 digits, e.g. N12345678.',
  },
  'profile.date_invalid': {
    ru: 'Укажите дату в формате ДД.ММ.ГГГГ.',
    kk: 'Күнді КК.АА.ЖЖЖЖ форматында көрсетіңіз.',
    en: 'Give the date as DD.MM.YYYY.',
  },
  'profile.issue_date_future': {
    ru: 'Дата выдачи не может быть позже сегодняшней.',
    kk: 'Берілген күні бүгінгі күннен кеш болмауы тиіс.',
    en: 'The date of issue cannot be later than today.',
  },
  'profile.issue_date_before_birth': {
    ru: 'Дата выдачи не может быть раньше даты рождения ({birth}).',
    kk: 'Берілген күні туған күннен ({birth}) ерте болмауы тиіс.',
    en: 'The date of issue cannot be before the date of birth ({birth}).',
  },
  'profile.email_invalid': {
    ru: 'Введите корректный адрес электронной почты, например ivanov@mail.kz.',
    kk: 'Дұрыс электрондық пошта мекенжайын енгізіңіз, мысалы ivanov@mail.kz.',
    en: 'Enter a valid e-mail address, e.g. ivanov@mail.kz.',
  },
  'profile.email_same': {
    ru: 'Этот адрес уже указан в вашем профиле.',
    kk: 'Бұл мекенжай профиліңізде көрсетілген.',
    en: 'This address is already in your profile.',
  },
  'profile.email_letter_limit': {
    ru: 'Письма для смены E-mail уже отправлялись несколько раз. Повторите через {minutes} мин.',
    kk: 'E-mail ауыстыру хаттары бірнеше рет жіберілді. {minutes} мин кейін қайталаңыз.',
    en: 'Letters to change the e-mail were sent several times already. Try again in {minutes} min.',
  },
  'profile.email_link_invalid': {
    ru: 'Ссылка недействительна: срок её действия (24 часа) истёк, она уже использована или заменена более новой. Запросите смену E-mail в личном кабинете ещё раз.',
    kk: 'Сілтеме жарамсыз: мерзімі (24 сағат) өтті, ол пайдаланылды немесе жаңасымен ауыстырылды. Жеке кабинетте E-mail ауыстыруды қайта сұраңыз.',
    en: 'The link is not valid: it expired (24 hours), was used, or a newer one replaced it. Ask for the e-mail change in the personal cabinet again.',
  },
  'profile.email_taken': {
    ru: 'Этот адрес уже используется другой учётной записью Kilt, поэтому E-mail не изменён.',
    kk: 'Бұл мекенжайды Kilt-тің басқа есептік жазбасы пайдаланады, сондықтан E-mail өзгертілмеді.',
    en: 'This address is used by another Kilt account, so the e-mail was not changed.',
  },
  'profile.email_mail_failed': {
    ru: 'Не удалось отправить письмо на {email}. Проверьте адрес и повторите.',
    kk: '{email} мекенжайына хат жіберу мүмкін болмады. Мекенжайды тексеріп, қайталаңыз.',
    en: 'The letter to {email} could not be sent. Check the address and try again.',
  },
  'profile.phone_same': {
    ru: 'Этот номер уже указан в вашем профиле.',
    kk: 'Бұл нөмір профиліңізде көрсетілген.',
    en: 'This number is already in your profile.',
  },
  'profile.stale': {
    ru: 'Профиль изменился в другой вкладке. Повторите действие.',
    kk: 'Профиль басқа қойындыда өзгерді. Әрекетті қайталаңыз.',
    en: 'The profile changed in another tab. Please try again.',
  },
  'profile.password_wrong': {
    ru: 'Текущий пароль указан неверно.',
    kk: 'Ағымдағы құпиясөз қате көрсетілген.',
    en: 'The current password is wrong.',
  },
  'profile.password_same': {
    ru: 'Новый пароль совпадает с текущим. Придумайте другой.',
    kk: 'Жаңа құпиясөз ағымдағымен бірдей. Басқасын ойлап табыңыз.',
    en: 'The new password is the same as the current one. Choose another.',
  },
  'profile.password_locked': {
    ru: 'Слишком много неудачных попыток смены пароля. Повторите через {minutes} мин.',
    kk: 'Құпиясөзді ауыстырудың сәтсіз әрекеттері тым көп. {minutes} мин кейін қайталаңыз.',
    en: 'Too many failed attempts to change the password. Try again in {minutes} min.',
  },
  'profile.signature_required': {
    ru: 'Подтвердите смену пароля подписью ключом ЭЦП: нажмите «Подписать и сменить пароль».',
    kk: 'Құпиясөзді ауыстыруды ЭЦҚ кілтімен қол қою арқылы растаңыз: «Қол қойып, құпиясөзді ауыстыру» түймесін басыңыз.',
    en: 'Confirm the change with your NCA key: press «Sign and change the password».',
  },
  'profile.signer_mismatch': {
    ru: 'Подпись сделана ключом другого человека (ИИН {iin}). Подпишите своим ключом ЭЦП.',
    kk: 'Басқа адамның кілтімен қол қойылған (ЖСН {iin}). Өз ЭЦҚ кілтіңізбен қол қойыңыз.',
    en: 'The signature was made with another person\'s key (IIN {iin}). Sign with your own NCA key.',
  },
  'profile.signing_unavailable': {
    ru: 'Смена пароля временно недоступна: не настроены корневые сертификаты НУЦ РК. Обратитесь к администратору.',
    kk: 'Құпиясөзді ауыстыру уақытша қолжетімсіз: ҚР ҰКО түбірлік сертификаттары бапталмаған. Әкімшіге хабарласыңыз.',
    en: 'Changing the password is unavailable: the NCA RK root certificates are not configured. Contact the administrator.',
  },
};
