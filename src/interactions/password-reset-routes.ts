import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { localizedMessage } from '../domain/messages.ts';
import { LINK_SECRET } from '../domain/link-secret.ts';
import { type PasswordResetDependencies, PasswordError, requestPasswordReset, resetPassword } from '../domain/password-reset.ts';
import { csrfToken, csrfValid } from './csrf.ts';
import { requestLocale } from './locale.ts';
import { render } from './render.ts';

const forgotForm = z.object({ csrf: z.string(), email: z.string().trim().max(254) });
const resetForm = z.object({ csrf: z.string(), password: z.string().max(1024), password_confirmation: z.string().max(1024) });

/** «Забыли пароль?»: /forgot-password asks for the address, /reset-password/:secret sets the new password. */
export function passwordResetRoutes(deps: PasswordResetDependencies): Koa.Middleware {
  const router = new Router();
  const form = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });

  router.get('/forgot-password', (ctx) => render(ctx, 'password/forgot', requestLocale(ctx), { csrf: csrfToken(ctx) }));

  router.post('/forgot-password', form, async (ctx) => {
    const fields = forgotForm.safeParse(ctx.request.body);
    const language = requestLocale(ctx);
    if (!fields.success || !csrfValid(ctx, fields.data.csrf)) {
      render(ctx, 'password/forgot', language, { csrf: csrfToken(ctx) }, 400);
      return;
    }
    // The same page for every address: the form tells nobody who has an account.
    await requestPasswordReset(deps, fields.data.email, language);
    render(ctx, 'password/forgot', language, { sent: true });
  });

  router.get('/reset-password/:secret', (ctx) => {
    const secret = ctx.params['secret'] ?? '';
    const language = requestLocale(ctx);
    if (!LINK_SECRET.test(secret)) {
      render(ctx, 'password/reset', language, { invalid: true, error: localizedMessage(new PasswordError('reset.link_invalid'), language) }, 400);
      return;
    }
    render(ctx, 'password/reset', language, { csrf: csrfToken(ctx), secret });
  });

  router.post('/reset-password/:secret', form, async (ctx) => {
    const secret = ctx.params['secret'] ?? '';
    const fields = resetForm.safeParse(ctx.request.body);
    const language = requestLocale(ctx);
    if (!LINK_SECRET.test(secret) || !fields.success || !csrfValid(ctx, fields.data.csrf)) {
      render(ctx, 'password/reset', language, { invalid: true, error: localizedMessage(new PasswordError('reset.link_invalid'), language) }, 400);
      return;
    }
    try {
      await resetPassword(deps, secret, fields.data.password, fields.data.password_confirmation, language);
      render(ctx, 'password/reset', language, { done: true });
    } catch (error) {
      if (!(error instanceof PasswordError)) throw error;
      const invalid = error.code === 'reset.link_invalid';
      render(ctx, 'password/reset', language, { csrf: csrfToken(ctx), secret, invalid, error: localizedMessage(error, language) }, 400);
    }
  });

  return router.routes() as Koa.Middleware;
}
