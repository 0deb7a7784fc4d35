import type Koa from 'koa';
import { pickLocale } from '../interactions/locale.ts';
import { render } from '../interactions/render.ts';

/**
 * oidc-provider's own pages in Kilt's look and language: errors it cannot send back to a client (unknown client,
 * bad redirect_uri, …) and the RP-initiated logout confirmation and its result.
 */
export const providerPages = {
  async renderError(ctx: Koa.Context, out: Readonly<Record<string, string>>): Promise<void> {
    const detail = [out['error'], out['error_description']].filter(Boolean).join(': ');
    render(ctx, 'error', pickLocale(ctx, undefined), { message: detail }, ctx.status);
  },

  async logoutSource(ctx: Koa.Context, form: string): Promise<void> {
    render(ctx, 'logout', pickLocale(ctx, undefined), { form });
  },

  async postLogoutSuccessSource(ctx: Koa.Context): Promise<void> {
    render(ctx, 'logged-out', pickLocale(ctx, undefined), {});
  },
};
