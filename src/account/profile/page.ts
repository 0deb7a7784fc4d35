import type Koa from 'koa';
import type { KiltError } from '../../domain/kilt-error.ts';
import { localizedMessage } from '../../domain/messages.ts';
import { maskedPhone } from '../../domain/phone/phone-number.ts';
import { addressLines } from '../../domain/profile/address.ts';
import { displayDate } from '../../domain/profile/dates.ts';
import type { ProfileDependencies } from '../../domain/profile/dependencies.ts';
import { passwordChallenge } from '../../domain/profile/password-change.ts';
import { DOCUMENT_KINDS } from '../../domain/profile/personal-data.ts';
import { ProfileError, ProfileFormError } from '../../domain/profile/profile-error.ts';
import { regionOptions } from '../../domain/profile/regions.ts';
import type { UserRecord } from '../../domain/store.ts';
import { requestLocale } from '../../interactions/locale.ts';
import type { Locale } from '../../pki/messages.ts';
import type { Cabinet } from '../cabinet-session.ts';
import { renderCabinet } from '../render-cabinet.ts';
import { PROFILE_TEXTS } from './texts.ts';

export interface ProfileRouteDependencies extends ProfileDependencies {
  readonly ncalayerUrl: string;
  readonly testMode: boolean;
}

/** The forms of the page; at most one is open at a time. */
export const PROFILE_FORMS = ['personal', 'address', 'email', 'phone', 'password'] as const;
export type ProfileForm = (typeof PROFILE_FORMS)[number];

export interface ProfilePageState {
  readonly open?: ProfileForm;
  /** The open form's refusal; a form with wrong fields also has each field's problem. */
  readonly error?: string;
  readonly problems?: Readonly<Record<string, string>>;
  readonly notice?: string;
  /** What the open form shows: what was submitted after a refusal, else what is stored. */
  readonly values?: Readonly<Record<string, string>>;
}

/** A refusal in the page's terms: the message at the form, and under each field it names. */
export function refusal(error: KiltError, locale: Locale): Pick<ProfilePageState, 'error' | 'problems'> {
  if (!(error instanceof ProfileFormError)) return { error: localizedMessage(error, locale) };
  const problems = Object.fromEntries(Object.entries(error.problems).map(([field, problem]) => [field, localizedMessage(problem, locale)]));
  return { error: localizedMessage(error, locale), problems };
}

function storedValues(user: UserRecord, form: ProfileForm | undefined): Record<string, string> {
  if (form === 'personal' && user.personalData) return { ...user.personalData };
  if (form === 'address' && user.address) return { ...user.address, apartment: user.address.apartment ?? '' };
  return {};
}

/** «Профиль пользователя»: certificate data, «Данные профиля», contacts and password, with the form asked for open. */
export async function renderProfile(ctx: Koa.Context, deps: ProfileRouteDependencies, cabinet: Cabinet, state: ProfilePageState, status = 200): Promise<void> {
  const locale = requestLocale(ctx);
  const t = PROFILE_TEXTS[locale];
  const { user } = cabinet;
  const { personalData, address, phoneChange } = user;
  const signing = state.open === 'password' && deps.verifier !== undefined;
  renderCabinet(ctx, cabinet, 'profile', 'profile', {
    t,
    open: state.open ?? null,
    error: state.error,
    problems: state.problems ?? {},
    notice: state.notice,
    values: state.values ?? storedValues(user, state.open),
    incomplete: !personalData || !address,
    personal: personalData && {
      latinName: `${personalData.latinSurname} ${personalData.latinGivenName}`,
      document: `${t.documentKinds[personalData.documentKind]} № ${personalData.documentNumber}, ${displayDate(personalData.documentIssuedOn)}`,
    },
    address: address && addressLines(address, locale),
    phonePending: phoneChange && { phone: maskedPhone(phoneChange.phone), expired: phoneChange.expiresAt <= deps.clock() },
    regions: regionOptions(locale),
    documentKinds: DOCUMENT_KINDS.map((key) => ({ key, name: t.documentKinds[key] })),
    challenge: signing ? await passwordChallenge(deps, cabinet.sessionUid) : undefined,
    signingUnavailable: state.open === 'password' && !signing ? localizedMessage(new ProfileError('profile.signing_unavailable'), locale) : undefined,
    ncalayerUrl: deps.ncalayerUrl,
    testMode: deps.testMode,
  }, status);
}
