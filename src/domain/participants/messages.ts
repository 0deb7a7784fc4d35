import type { Locale } from '../../pki/messages.ts';
import type { ParticipantErrorCode } from './participant-error.ts';

/** Wording after the «Участники ЮЛ» page of the Keden manual (../shared/seeds/000_*.txt). */
export const PARTICIPANT_MESSAGES: Record<ParticipantErrorCode, Record<Locale, string>> = {
  'participant.iin_invalid': {
    ru: 'Введите корректный ИИН сотрудника: 12 цифр, последняя — контрольная.',
    kk: 'Қызметкердің дұрыс ЖСН-ын енгізіңіз: 12 цифр, соңғысы — бақылау цифры.',
    en: "Enter the employee's valid IIN: 12 digits, the last one a check digit.",
  },
  'participant.duplicate': {
    ru: 'Участник с ИИН {iin} уже есть в списке участников ЮЛ.',
    kk: 'ЖСН {iin} қатысушысы ЗТ қатысушыларының тізімінде бар.',
    en: 'A participant with IIN {iin} is already on the list.',
  },
  'participant.role_unknown': {
    ru: 'Выберите роль сотрудника из списка.',
    kk: 'Қызметкердің рөлін тізімнен таңдаңыз.',
    en: "Choose the employee's role from the list.",
  },
  'participant.not_found': {
    ru: 'Участник не найден. Обновите страницу.',
    kk: 'Қатысушы табылмады. Бетті жаңартыңыз.',
    en: 'The participant was not found. Reload the page.',
  },
  'participant.iin_locked': {
    ru: 'ИИН можно изменить, только пока участник в статусе «Добавлен». Измените роль или исключите участника и добавьте новый ИИН.',
    kk: 'ЖСН-ды қатысушы «Қосылды» мәртебесінде болғанда ғана өзгертуге болады. Рөлді өзгертіңіз немесе қатысушыны шығарып, жаңа ЖСН қосыңыз.',
    en: 'The IIN can be changed only while the participant is «Добавлен» (added). Change the role, or exclude the participant and add the new IIN.',
  },
  'participant.head_role': {
    ru: 'Роль руководителя определяется его сертификатом ЭЦП и не изменяется.',
    kk: 'Басшының рөлі оның ЭЦҚ сертификатымен анықталады және өзгертілмейді.',
    en: "A head's role comes from their signing certificate and cannot be changed.",
  },
  'participant.self': {
    ru: 'Нельзя исключить самого себя.',
    kk: 'Өзіңізді шығара алмайсыз.',
    en: 'You cannot exclude yourself.',
  },
  'participant.last_administrator': {
    ru: 'Нельзя исключить последнего руководителя организации: тогда участниками ЮЛ некому будет управлять.',
    kk: 'Ұйымның соңғы басшысын шығаруға болмайды: онда ЗТ қатысушыларын басқаратын ешкім қалмайды.',
    en: "The company's last administrator cannot be excluded: nobody would be left to manage its participants.",
  },
  'participant.status_changed': {
    ru: 'Статус участника уже изменился. Обновите страницу и повторите.',
    kk: 'Қатысушының мәртебесі өзгеріп қойған. Бетті жаңартып, қайталаңыз.',
    en: "The participant's status has changed meanwhile. Reload the page and try again.",
  },
  'participant.not_administrator': {
    ru: 'Управлять участниками ЮЛ может только первый руководитель организации или сотрудник с правом подписи.',
    kk: 'ЗТ қатысушыларын тек ұйымның бірінші басшысы немесе қол қою құқығы бар қызметкер басқара алады.',
    en: "Only the company's first head or an employee with signing right can manage its participants.",
  },
};
