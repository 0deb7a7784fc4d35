import type Koa from 'koa';
import { z } from 'zod';
import { KiltError } from '../../domain/kilt-error.ts';
import { localizedMessage } from '../../domain/messages.ts';
import { requestEmailChange } from '../../domain/profile/email-change.ts';
import { changePassword } from '../../domain/profile/password-change.ts';
import { confirmPhoneChange, requestPhoneChange, resendPhoneCode } from '../../domain/profile/phone-change.ts';
import { saveAddress, savePersonalData } from '../../domain/profile/profile-data.ts';
import { requestLocale } from '../../interactions/locale.ts';
import type { CabinetSection, CabinetState } from '../routes.ts';
import { PROFILE_FORMS, type ProfileForm, type ProfilePageState, type ProfileRouteDependencies, refusal, renderProfile } from './page.ts';
import { PROFILE_TEXTS, type ProfileWording } from './texts.ts';

const text = (max: number) => z.string().max(max).default('');

const FORMS = {
  personal: z.object({
    latinSurname: text(200), latinGivenName: text(200), documentKind: text(40), documentNumber: text(40), documentIssuedOn: text(20),
  }),
  address: z.object({ region: text(40), locality: text(300), street: text(300), house: text(100), apartment: text(100), postalCode: text(20) }),
  email: z.object({ email: z.string().trim().max(254) }),
  phone: z.object({ phone: z.string().max(40) }),
  code: z.object({ code: z.string().max(16) }),
  password: z.object({
    current_password: z.string().max(1024),
    password: z.string().max(1024),
    password_confirmation: z.string().max(1024),
    signature: z.string().max(64 * 1024).default(''),
    challengeId: z.string().max(64).default(''),
  }),
};

/** Answers with the status that says what kind of refusal it was; anything not listed is a plain 400. */
const STATUS: Readonly<Record<string, number>> = {
  'profile.email_letter_limit': 429,
  'profile.password_locked': 429,
  'phone.sms_resend_wait': 429,
  'phone.sms_send_limit': 429,
  'phone.sms_failed': 502,
  'profile.email_mail_failed': 502,
  'profile.stale': 409,
};

const DONE: Readonly<Record<ProfileForm, ProfileWording>> = {
  personal: 'donePersonal', address: 'doneAddress', email: 'doneEmail', phone: 'donePhone', password: 'donePassword',
};

type Context = Koa.ParameterizedContext<CabinetState>;

/**
 * «Профиль пользователя» (DESIGN.md, Personal cabinet): /account/profile and one GET and POST per form under it. A
 * form that is refused is shown again, open, with its message and what was typed (never a password); one that
 * succeeds redirects to the page with a notice, so that reloading it submits nothing twice.
 */
export function profileSection(deps: ProfileRouteDependencies): CabinetSection {
  const page = (ctx: Context, state: ProfilePageState, status?: number) => renderProfile(ctx, deps, ctx.state.cabinet, state, status);

  /** Parses the form (a malformed one is refused like a wrong one) and runs `work`; a KiltError is shown at the form. */
  async function submit<S extends z.ZodType<Record<string, string>>>(
    ctx: Context,
    form: ProfileForm,
    schema: S,
    work: (fields: z.output<S>) => Promise<unknown>,
    keep: (fields: z.output<S>) => Record<string, string> = (fields) => fields,
  ): Promise<boolean> {
    const fields = schema.safeParse(ctx.request.body);
    if (!fields.success) {
      await page(ctx, { open: form, error: localizedMessage(new KiltError('profile.form_invalid'), requestLocale(ctx)) }, 400);
      return false;
    }
    try {
      await work(fields.data);
      return true;
    } catch (error) {
      if (!(error instanceof KiltError)) throw error;
      // The refused work may have changed the account (an attempt counted, a code forgotten): the page shows it as it is.
      const { cabinet } = ctx.state;
      const user = (await deps.store.users.findById(cabinet.user.id)) ?? cabinet.user;
      await renderProfile(ctx, deps, { ...cabinet, user }, { open: form, values: keep(fields.data), ...refusal(error, requestLocale(ctx)) }, STATUS[error.code] ?? 400);
      return false;
    }
  }

  return (router) => {
    router.get('/profile', async (ctx) => {
      const key = ctx.query['done'];
      const done = typeof key === 'string' && Object.hasOwn(DONE, key) ? DONE[key as ProfileForm] : undefined;
      await page(ctx, done ? { notice: PROFILE_TEXTS[requestLocale(ctx)][done] } : {});
    });
    for (const form of PROFILE_FORMS) {
      router.get(`/profile/${form}`, (ctx) => page(ctx, { open: form }));
    }

    router.post('/profile/personal', async (ctx) => {
      const { user } = ctx.state.cabinet;
      if (await submit(ctx, 'personal', FORMS.personal, (fields) => savePersonalData(deps, user, fields, ctx.ip))) ctx.redirect('/account/profile?done=personal');
    });

    router.post('/profile/address', async (ctx) => {
      const { user } = ctx.state.cabinet;
      if (await submit(ctx, 'address', FORMS.address, (fields) => saveAddress(deps, user, fields, ctx.ip))) ctx.redirect('/account/profile?done=address');
    });

    router.post('/profile/email', async (ctx) => {
      const { user } = ctx.state.cabinet;
      const sent = await submit(ctx, 'email', FORMS.email, ({ email }) => requestEmailChange(deps, user, email, requestLocale(ctx), ctx.ip));
      if (sent) ctx.redirect('/account/profile?done=email');
    });

    router.post('/profile/phone', async (ctx) => {
      const { user } = ctx.state.cabinet;
      if (await submit(ctx, 'phone', FORMS.phone, ({ phone }) => requestPhoneChange(deps, user, phone, requestLocale(ctx)))) ctx.redirect('/account/profile/phone');
    });

    router.post('/profile/phone/code', async (ctx) => {
      const { user } = ctx.state.cabinet;
      if (await submit(ctx, 'phone', FORMS.code, ({ code }) => confirmPhoneChange(deps, user, code, ctx.ip), () => ({}))) ctx.redirect('/account/profile?done=phone');
    });

    router.post('/profile/phone/resend', async (ctx) => {
      const { cabinet } = ctx.state;
      let resent = cabinet.user;
      const done = await submit(ctx, 'phone', z.object({}), async () => {
        resent = await resendPhoneCode(deps, cabinet.user, requestLocale(ctx));
      });
      if (done) await renderProfile(ctx, deps, { ...cabinet, user: resent }, { open: 'phone', notice: PROFILE_TEXTS[requestLocale(ctx)].codeResent });
    });

    router.post('/profile/password', async (ctx) => {
      const { cabinet } = ctx.state;
      const changed = await submit(ctx, 'password', FORMS.password, (fields) => changePassword(deps, cabinet, {
        currentPassword: fields.current_password,
        newPassword: fields.password,
        confirmation: fields.password_confirmation,
        cms: fields.signature,
        challengeId: fields.challengeId,
      }, requestLocale(ctx), ctx.ip), () => ({}));
      if (changed) ctx.redirect('/account/profile?done=password');
    });
  };
}
