import type { Locale } from '../../pki/messages.ts';

const RU = {
  heading: 'Активные сеансы',
  hint: 'Браузеры, в которых выполнен вход в Kilt. «Выйти» завершает сеанс и отзывает токены, выданные в нём приложениям, в том числе токены обновления.',
  started: 'Начало сеанса',
  signedIn: 'Последний вход',
  applications: 'Приложения и профиль',
  current: 'Текущий сеанс',
  end: 'Выйти',
  endAll: 'Выйти везде',
  ended: 'Сеанс завершён.',
  cabinetClient: 'Личный кабинет Kilt',
  expires: 'Действует до',
};

export type SessionsTexts = Readonly<Record<keyof typeof RU, string>>;

export const SESSIONS_TEXTS: Readonly<Record<Locale, SessionsTexts>> = {
  ru: RU,
  kk: {
    heading: 'Белсенді сеанстар',
    hint: 'Kilt жүйесіне кіру орындалған браузерлер. «Шығу» сеансты аяқтап, онда қосымшаларға берілген токендерді, соның ішінде жаңарту токендерін кері қайтарады.',
    started: 'Сеанстың басталуы',
    signedIn: 'Соңғы кіру',
    applications: 'Қосымшалар және профиль',
    current: 'Ағымдағы сеанс',
    end: 'Шығу',
    endAll: 'Барлық жерден шығу',
    ended: 'Сеанс аяқталды.',
    cabinetClient: 'Kilt жеке кабинеті',
    expires: 'Жарамдылық мерзімі',
  },
  en: {
    heading: 'Active sessions',
    hint: 'Browsers signed in to Kilt. «Sign out» ends a session and revokes the tokens applications received in it, refresh tokens included.',
    started: 'Session started',
    signedIn: 'Last sign-in',
    applications: 'Applications and profile',
    current: 'This session',
    end: 'Sign out',
    endAll: 'Sign out everywhere',
    ended: 'The session has ended.',
    cabinetClient: 'Kilt personal cabinet',
    expires: 'Valid until',
  },
};
