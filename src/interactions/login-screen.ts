import { z } from 'zod';
import { authenticate } from '../domain/sign-in/authenticate.ts';
import { issueChallenge } from '../domain/sign-in/challenges.ts';
import { companyOfSignIn } from '../domain/sign-in/company-at-sign-in.ts';
import { profilesFor } from '../domain/sign-in/person-profiles.ts';
import { profileHintOf, silentProfile } from '../domain/sign-in/profiles.ts';
import { KiltError } from '../domain/kilt-error.ts';
import { localizedMessage } from '../domain/messages.ts';
import { SIGN_IN_AMR } from '../provider/claims.ts';
import { csrfValid } from './csrf.ts';
import { type Screen, clientIdOf, finish } from './interaction-context.ts';
import { render } from './render.ts';

const loginForm = z.object({
  csrf: z.string(),
  email: z.string().trim().max(254),
  password: z.string().max(1024),
  signature: z.string().max(64 * 1024),
  challengeId: z.string().max(64),
});

const NOT_CONFIGURED = {
  ru: 'Вход временно недоступен: не настроены корневые сертификаты НУЦ РК. Обратитесь к администратору.',
  kk: 'Кіру уақытша қолжетімсіз: ҚР ҰКО түбірлік сертификаттары бапталмаған. Әкімшіге хабарласыңыз.',
  en: 'Sign-in is unavailable: the NCA RK root certificates are not configured. Contact the administrator.',
} as const;

/** «Вход в систему»: e-mail, password and «Выбрать сертификат», with a fresh one-time challenge for NCALayer. */
export async function showLogin(screen: Screen, options: { error?: string; email?: string; status?: number } = {}): Promise<void> {
  const { ctx, interaction, deps, locale } = screen;
  const challenge = await issueChallenge(deps.store.challenges, interaction.uid, deps.clock());
  render(ctx, 'interactions/login', locale, {
    uid: interaction.uid,
    csrf: screen.csrf,
    challenge,
    email: options.email ?? (typeof interaction.params['login_hint'] === 'string' ? interaction.params['login_hint'] : ''),
    error: options.error ?? (deps.signIn ? undefined : NOT_CONFIGURED[locale]),
    ncalayerUrl: deps.ncalayerUrl,
    testMode: deps.testMode,
  }, options.status);
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = { 'login.too_many_attempts': 429 };

export async function submitLogin(screen: Screen, fields: Record<string, unknown>): Promise<void> {
  const { ctx, deps, interaction, locale } = screen;
  const form = loginForm.safeParse(fields);
  if (!form.success || !csrfValid(ctx, form.data.csrf)) {
    await showLogin(screen, { error: localizedMessage(new KiltError('login.challenge_invalid'), locale), status: 400 });
    return;
  }
  if (!deps.signIn) {
    await showLogin(screen, { status: 503 });
    return;
  }
  const { email, password, signature, challengeId } = form.data;
  try {
    const { user, certificate } = await authenticate(deps.signIn, { email, password, cms: signature, challengeId, binding: interaction.uid, ip: ctx.ip });
    const companyOffer = await companyOfSignIn(deps.store, { user, certificate, ip: ctx.ip, at: deps.clock() });
    // A profile the screen would take without asking is taken now, sparing the browser a round trip through the
    // provider; not while a company offer is open, whose answer may add a profile.
    const profile = companyOffer ? undefined : silentProfile(await profilesFor(deps.store, user, clientIdOf(screen), certificate), profileHintOf(interaction.params));
    await finish(screen, {
      login: { accountId: user.id, amr: [...SIGN_IN_AMR], acr: deps.acr },
      certificate: { bin: certificate.bin ?? null, roles: [...certificate.roles] },
      ...(companyOffer ? { companyOffer } : {}),
      ...(profile ? { profile } : {}),
    }, false);
  } catch (error) {
    if (!(error instanceof KiltError)) throw error;
    await showLogin(screen, { error: localizedMessage(error, locale), email, status: STATUS_BY_CODE[error.code] ?? 400 });
  }
}
