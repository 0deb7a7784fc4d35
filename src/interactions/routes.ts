import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type Koa from 'koa';
import { errors } from 'oidc-provider';
import { showAgreement, submitAgreement } from './agreement-screen.ts';
import { showCompany, submitCompany } from './company-screen.ts';
import { showConsent, submitConsent } from './consent-screen.ts';
import { type InteractionDependencies, type Screen, finish, openScreen } from './interaction-context.ts';
import { pickLocale } from './locale.ts';
import { showLogin, submitLogin } from './login-screen.ts';
import { showProfile, submitProfile } from './profile-screen.ts';
import { render } from './render.ts';

const EXPIRED = {
  ru: 'Сеанс входа истёк или уже завершён. Вернитесь в приложение и начните вход заново.',
  kk: 'Кіру сеансының мерзімі өтті немесе ол аяқталған. Қосымшаға оралып, қайта кіріңіз.',
  en: 'The sign-in session has expired or is already finished. Go back to the application and sign in again.',
} as const;

const SCREENS: Readonly<Record<string, (screen: Screen) => Promise<void>>> = {
  login: (screen) => showLogin(screen),
  agreement: (screen) => showAgreement(screen),
  company: (screen) => showCompany(screen),
  profile: showProfile,
  consent: (screen) => showConsent(screen),
};

type Submit = (screen: Screen, fields: Record<string, unknown>) => Promise<void>;

const SUBMITS: Readonly<Record<string, Submit>> = {
  login: submitLogin,
  agreement: submitAgreement,
  company: submitCompany,
  profile: submitProfile,
  consent: submitConsent,
};

/** The sign-in screens at /interaction/:uid, one per prompt of provider/interaction-policy.ts. */
export function interactionRoutes(deps: InteractionDependencies): Koa.Middleware {
  const router = new Router({ prefix: '/interaction/:uid' });

  // An expired or finished interaction is the commonest failure (oidc-anchors.md pitfall 1): say so plainly.
  router.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
      const locale = pickLocale(ctx, undefined);
      render(ctx, 'error', locale, { message: EXPIRED[locale] }, 400);
    }
  });

  router.get('/', async (ctx) => {
    const screen = await openScreen(ctx, deps);
    const show = SCREENS[screen.interaction.prompt.name];
    if (!show) throw new Error(`no screen for the prompt ${screen.interaction.prompt.name}`);
    await show(screen);
  });

  router.post('/:prompt', bodyParser({ enableTypes: ['form'], formLimit: '128kb' }), async (ctx) => {
    const screen = await openScreen(ctx, deps);
    const submit = SUBMITS[ctx.params['prompt'] ?? ''];
    // A form of another step (back button, second tab) shows the step the flow is really at.
    if (!submit || ctx.params['prompt'] !== screen.interaction.prompt.name) {
      ctx.redirect(`/interaction/${screen.interaction.uid}`);
      return;
    }
    await submit(screen, (ctx.request.body ?? {}) as Record<string, unknown>);
  });

  router.get('/abort', async (ctx) => {
    await finish(await openScreen(ctx, deps), { error: 'access_denied', error_description: 'the person cancelled the sign-in' }, false);
  });

  return router.routes() as Koa.Middleware;
}
