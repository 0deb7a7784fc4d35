import Router from '@koa/router';
import type Koa from 'koa';
import { KiltError } from '../../domain/kilt-error.ts';
import { localizedMessage } from '../../domain/messages.ts';
import { LINK_SECRET } from '../../domain/link-secret.ts';
import type { ProfileDependencies } from '../../domain/profile/dependencies.ts';
import { confirmEmailChange } from '../../domain/profile/email-change.ts';
import { ProfileError } from '../../domain/profile/profile-error.ts';
import { interpolate } from '../../pki/messages.ts';
import { render } from '../../interactions/render.ts';
import { requestLocale } from '../../interactions/locale.ts';
import { PROFILE_TEXTS } from './texts.ts';


/**
 * The link of an e-mail change, /confirm-email/:secret: outside the cabinet, since it is opened from the new mailbox,
 * often in another browser. Following it is the confirmation, as with the registration's link.
 */
export function emailChangeLinkRoutes(deps: ProfileDependencies): Koa.Middleware {
  const router = new Router();
  router.get('/confirm-email/:secret', async (ctx) => {
    const locale = requestLocale(ctx);
    const t = PROFILE_TEXTS[locale];
    const secret = ctx.params['secret'] ?? '';
    try {
      if (!LINK_SECRET.test(secret)) throw new ProfileError('profile.email_link_invalid');
      const user = await confirmEmailChange(deps, secret, ctx.ip);
      render(ctx, 'account/email-changed', locale, { t, pageTitle: t.emailChangedHeading, email: user.email, fill: interpolate });
    } catch (error) {
      if (!(error instanceof KiltError)) throw error;
      render(ctx, 'account/email-changed', locale, { t, pageTitle: t.emailNotChangedHeading, error: localizedMessage(error, locale) }, 400);
    }
  });
  return router.routes() as Koa.Middleware;
}
