import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { KiltError } from '../../domain/kilt-error.ts';
import { localizedMessage } from '../../domain/messages.ts';
import { LINK_SECRET } from '../../domain/link-secret.ts';
import { acceptAgreement, sendConfirmation } from '../../domain/registration/agreement.ts';
import { confirmRegistration } from '../../domain/registration/confirm.ts';
import { submitContacts } from '../../domain/registration/contacts.ts';
import type { RegistrationDependencies } from '../../domain/registration/dependencies.ts';
import { confirmSmsCode, sendSmsCode } from '../../domain/registration/sms-code.ts';
import { startRegistration } from '../../domain/registration/start.ts';
import type { RegistrationRecord, RegistrationStep } from '../../domain/store.ts';
import { LOCALES } from '../../pki/messages.ts';
import { csrfToken, csrfValid } from '../csrf.ts';
import { requestLocale } from '../locale.ts';
import { forgetRegistration, registrationId, rememberRegistration } from './registration-cookie.ts';
import { type PageOptions, type Refusal, certificatePage, stepPage } from './pages.ts';

export interface RegistrationRouteDependencies extends RegistrationDependencies {
  readonly ncalayerUrl: string;
  readonly testMode: boolean;
}

const ORDER: readonly RegistrationStep[] = ['contacts', 'phone', 'agreement', 'sent'];
const INTERACTION_UID = /^[A-Za-z0-9_-]{1,64}$/;

const base = z.object({ csrf: z.string().max(128), revision: z.coerce.number().int().min(0) });
const forms = {
  certificate: z.object({
    csrf: z.string().max(128),
    signature: z.string().min(1).max(64 * 1024),
    challengeId: z.string().max(64),
    returnTo: z.string().regex(INTERACTION_UID).optional(),
    locale: z.enum(LOCALES).optional(),
  }),
  contacts: base.extend({
    email: z.string().trim().max(254),
    password: z.string().max(1024),
    password_confirmation: z.string().max(1024),
    consent: z.string().optional(),
    phone: z.string().max(40).default(''),
  }),
  phone: base.extend({ code: z.string().max(16) }),
  agreement: base.extend({ decision: z.literal('accept').optional(), signature: z.string().max(256 * 1024).optional() }),
};

/** The step page of the wizard (DESIGN.md, Registration); /register itself is step 1. */
const stepPath = (step: RegistrationStep) => `/register/${step}`;

/**
 * The registration wizard at /register: one record per browser in the store, steps in a fixed order. A step ahead
 * of the record's redirects back to it (nothing is skipped), an earlier step may be revisited until the letter is
 * out, and every form carries the revision it was shown at, so a double submit or a form from another tab changes
 * nothing twice.
 */
export function registrationRoutes(deps: RegistrationRouteDependencies): Koa.Middleware {
  const router = new Router({ prefix: '/register' });
  const form = bodyParser({ enableTypes: ['form'], formLimit: '512kb' });
  const options = (ctx: Koa.Context, registration: RegistrationRecord | null): PageOptions => ({
    ctx, locale: requestLocale(ctx), csrf: csrfToken(ctx), deps, registration,
  });

  async function current(ctx: Koa.Context): Promise<RegistrationRecord | null> {
    const id = registrationId(ctx);
    return id ? deps.store.registrations.find(id, deps.clock()) : null;
  }

  /** The record when `step` may be shown or submitted now; otherwise the browser is sent where the wizard is. */
  async function at(ctx: Koa.Context, step: RegistrationStep): Promise<RegistrationRecord | undefined> {
    const registration = await current(ctx);
    if (!registration) {
      ctx.redirect('/register');
      return undefined;
    }
    const reachable = step === registration.step || (registration.step !== 'sent' && ORDER.indexOf(step) < ORDER.indexOf(registration.step));
    if (!reachable || (step === 'phone' && deps.settings.phone === 'off')) {
      ctx.redirect(stepPath(registration.step));
      return undefined;
    }
    return registration;
  }

  /** A form of this step, parsed, with a valid CSRF token and the revision it was shown at; else back to the step. */
  async function submitted<S extends z.ZodType<{ csrf: string; revision: number }>>(ctx: Koa.Context, step: RegistrationStep, schema: S) {
    const registration = await at(ctx, step);
    if (!registration) return undefined;
    const fields = schema.safeParse(ctx.request.body);
    if (!fields.success || !csrfValid(ctx, fields.data.csrf) || fields.data.revision !== registration.revision) {
      ctx.redirect(stepPath(registration.step));
      return undefined;
    }
    return { registration, fields: fields.data as z.output<S> };
  }

  /** Runs a step; a refusal is shown on the step's page, the wizard's state left as the step found it. */
  async function attempt(ctx: Koa.Context, page: (refusal: Refusal) => Promise<void> | void, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      if (!(error instanceof KiltError)) throw error;
      if (error.code === 'registration.stale') {
        const registration = await current(ctx);
        ctx.redirect(registration ? stepPath(registration.step) : '/register');
        return false;
      }
      await page({ error: localizedMessage(error, requestLocale(ctx)), errorCode: error.code });
      return false;
    }
  }

  router.get('/', async (ctx) => {
    const registration = await current(ctx);
    if (registration) {
      ctx.redirect(stepPath(registration.step));
      return;
    }
    const interaction = typeof ctx.query['interaction'] === 'string' && INTERACTION_UID.test(ctx.query['interaction']) ? ctx.query['interaction'] : null;
    await certificatePage(options(ctx, null), { returnTo: interaction });
  });

  router.post('/certificate', form, async (ctx) => {
    const fields = forms.certificate.safeParse(ctx.request.body);
    if (!fields.success || !csrfValid(ctx, fields.data.csrf)) {
      ctx.redirect('/register');
      return;
    }
    // The language the page was shown in (ui_locales of a sign-in, or the browser's) is the registration's: its SMS,
    // letters and the agreement text.
    const { signature, challengeId, returnTo, locale: language = requestLocale(ctx) } = fields.data;
    const page = (refusal: Refusal) => certificatePage(options(ctx, null), { returnTo: returnTo ?? null, ...refusal }, 400);
    let registration: RegistrationRecord | undefined;
    const done = await attempt(ctx, page, async () => {
      registration = await startRegistration(deps, {
        cms: signature, challengeId, binding: `register:${csrfToken(ctx)}`, locale: language, returnTo: returnTo ?? null, ip: ctx.ip,
      });
    });
    if (!done || !registration) return;
    rememberRegistration(ctx, registration.id);
    ctx.redirect(stepPath(registration.step));
  });

  router.get('/contacts', async (ctx) => {
    const registration = await at(ctx, 'contacts');
    if (registration) await stepPage(options(ctx, registration), 'contacts', { values: { email: registration.email ?? '', phone: registration.phone ?? '', consent: Boolean(registration.consentAt) } });
  });

  router.post('/contacts', form, async (ctx) => {
    const input = await submitted(ctx, 'contacts', forms.contacts);
    if (!input) return;
    const { registration, fields } = input;
    const values = { email: fields.email, phone: fields.phone, consent: fields.consent !== undefined };
    let saved: RegistrationRecord | undefined;
    const done = await attempt(ctx, (refusal) => stepPage(options(ctx, registration), 'contacts', { values, ...refusal }, 400), async () => {
      saved = await submitContacts(deps, registration, {
        email: fields.email, password: fields.password, passwordConfirmation: fields.password_confirmation, consent: values.consent, phone: fields.phone,
      });
    });
    if (!done || !saved) return;
    if (saved.step === 'phone' && !saved.sms) {
      const sent = saved;
      // A failed SMS changed the record (the code saved, then forgotten): the page's forms carry its revision now.
      const failed = async (refusal: Refusal) => stepPage(options(ctx, (await current(ctx)) ?? sent), 'phone', refusal, 502);
      const ok = await attempt(ctx, failed, () => sendSmsCode(deps, sent));
      if (!ok) return;
    }
    ctx.redirect(stepPath(saved.step));
  });

  router.get('/phone', async (ctx) => {
    const registration = await at(ctx, 'phone');
    if (registration) await stepPage(options(ctx, registration), 'phone', {});
  });

  router.post('/phone', form, async (ctx) => {
    const input = await submitted(ctx, 'phone', forms.phone);
    if (!input) return;
    const { registration, fields } = input;
    const refused = async (refusal: Refusal) => stepPage(options(ctx, (await current(ctx)) ?? registration), 'phone', refusal, 400);
    if (await attempt(ctx, refused, () => confirmSmsCode(deps, registration, fields.code))) ctx.redirect(stepPath('agreement'));
  });

  router.post('/phone/resend', form, async (ctx) => {
    const input = await submitted(ctx, 'phone', base);
    if (!input) return;
    const { registration } = input;
    let saved: RegistrationRecord | undefined;
    const refused = async (refusal: Refusal) => stepPage(options(ctx, (await current(ctx)) ?? registration), 'phone', refusal, 429);
    const done = await attempt(ctx, refused, async () => {
      saved = await sendSmsCode(deps, registration);
    });
    if (done && saved) await stepPage(options(ctx, saved), 'phone', { notice: 'smsResent' });
  });

  router.get('/agreement', async (ctx) => {
    const registration = await at(ctx, 'agreement');
    if (registration) await stepPage(options(ctx, registration), 'agreement', {});
  });

  router.post('/agreement', form, async (ctx) => {
    const input = await submitted(ctx, 'agreement', forms.agreement);
    if (!input) return;
    const { registration, fields } = input;
    const refused = async (refusal: Refusal) => {
      const now = (await current(ctx)) ?? registration;
      // The account exists and only the letter failed: the next page says so and offers to send it again. A taken
      // e-mail moved the wizard back to the contacts, where it can be changed.
      if (now.step === 'sent') await stepPage(options(ctx, now), 'sent', refusal, 502);
      else if (now.step === 'contacts') await stepPage(options(ctx, now), 'contacts', { ...refusal, values: { email: now.email ?? '', phone: now.phone ?? '', consent: true } }, 409);
      else await stepPage(options(ctx, now), 'agreement', refusal, 400);
    };
    if (await attempt(ctx, refused, () => acceptAgreement(deps, registration, fields.signature || undefined))) ctx.redirect(stepPath('sent'));
  });

  router.get('/sent', async (ctx) => {
    const registration = await at(ctx, 'sent');
    if (registration) await stepPage(options(ctx, registration), 'sent', {});
  });

  router.post('/sent/resend', form, async (ctx) => {
    const input = await submitted(ctx, 'sent', base);
    if (!input) return;
    const { registration } = input;
    const done = await attempt(ctx, (refusal) => stepPage(options(ctx, registration), 'sent', refusal, 429), () => sendConfirmation(deps, registration));
    if (done) await stepPage(options(ctx, registration), 'sent', { notice: 'sentResent' });
  });

  router.post('/restart', form, async (ctx) => {
    const registration = await current(ctx);
    const fields = z.object({ csrf: z.string() }).safeParse(ctx.request.body);
    if (fields.success && csrfValid(ctx, fields.data.csrf)) {
      // An account waiting for its letter stays: the link still works, and the store frees it after 24 hours.
      if (registration && registration.step !== 'sent') await deps.store.registrations.remove(registration.id);
      forgetRegistration(ctx);
    }
    ctx.redirect('/register');
  });

  router.get('/confirm/:secret', async (ctx) => {
    const secret = ctx.params['secret'] ?? '';
    const language = requestLocale(ctx);
    try {
      if (!LINK_SECRET.test(secret)) throw new KiltError('registration.link_invalid');
      const confirmed = await confirmRegistration(deps, secret, ctx.ip);
      forgetRegistration(ctx);
      await stepPage(options(ctx, null), 'confirmed', { confirmed });
    } catch (error) {
      if (!(error instanceof KiltError)) throw error;
      await stepPage(options(ctx, null), 'link-invalid', { error: localizedMessage(error, language), errorCode: error.code }, 400);
    }
  });

  return router.routes() as Koa.Middleware;
}
